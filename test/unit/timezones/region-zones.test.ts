import { DateTime, IANAZone } from 'luxon';
import { describe, expect, it } from 'vitest';
import {
  CA_REGION_ZONES,
  RU_REGION_ZONES,
  US_REGION_ZONES,
  regionFor,
  zonesForRegion,
} from '../../../src/domain/timezones/region-zones.js';

/** UTC offsets in hours on a fixed winter instant, so the table does not depend on today's date. */
function offsetsOf(zones: readonly string[] | null): number[] {
  const instant = DateTime.fromISO('2025-01-15T12:00:00Z');
  return [...new Set((zones ?? []).map((z) => instant.setZone(z).offset / 60))].sort((a, b) => a - b);
}

describe("zonesForRegion: Russia (230-FZ art. 7 p.3(1): debtor's local time)", () => {
  it.each([
    ['RU-KGD', ['Europe/Kaliningrad']],
    ['Калининградская область', ['Europe/Kaliningrad']],
    ['Калининградская обл.', ['Europe/Kaliningrad']],
    ['Kaliningrad Oblast', ['Europe/Kaliningrad']],
    ['RU-MOW', ['Europe/Moscow']],
    ['г. Москва', ['Europe/Moscow']],
    ['Москва г', ['Europe/Moscow']],
    ['moscow', ['Europe/Moscow']],
    ['77', ['Europe/Moscow']],
    ['Московская обл', ['Europe/Moscow']],
    ['Санкт-Петербург', ['Europe/Moscow']],
    ['St. Petersburg', ['Europe/Moscow']],
    ['RU-SAM', ['Europe/Samara']],
    ['Самарская область', ['Europe/Samara']],
    ['Samara Oblast', ['Europe/Samara']],
    ['Удмуртская Респ', ['Europe/Samara']],
    ['RU-KAM', ['Asia/Kamchatka']],
    ['Камчатский край', ['Asia/Kamchatka']],
    ['Kamchatka Krai', ['Asia/Kamchatka']],
    ['RU-CHU', ['Asia/Anadyr']],
    ['Чукотский автономный округ', ['Asia/Anadyr']],
    ['Чукотский АО', ['Asia/Anadyr']],
    ['Chukotka Autonomous Okrug', ['Asia/Anadyr']],
    ['Ханты-Мансийский Автономный округ - Югра АО', ['Asia/Yekaterinburg']],
    ['Татарстан Респ', ['Europe/Moscow']],
    ['Кемеровская область - Кузбасс', ['Asia/Novokuznetsk']],
    ['Алтайский край', ['Asia/Barnaul']],
    ['Altai Republic', ['Asia/Barnaul']],
    ['Volgograd Oblast', ['Europe/Volgograd']],
    ['Кировская обл.', ['Europe/Kirov']],
    ['kgd', ['Europe/Kaliningrad']],
    ['  ru-kgd  ', ['Europe/Kaliningrad']],
  ])('%s → %j', (text, zones) => {
    expect(zonesForRegion('RU', text)).toEqual(zones);
  });

  it('Sakha (Yakutia) gives every zone tzdata has there: three offsets, UTC+9 to UTC+11', () => {
    const expected = ['Asia/Yakutsk', 'Asia/Khandyga', 'Asia/Ust-Nera', 'Asia/Srednekolymsk'];
    for (const text of [
      'RU-SA',
      'Республика Саха (Якутия)',
      'Якутия',
      'Саха /Якутия/ Респ',
      'Sakha Republic',
      'Yakutia',
      '14',
    ]) {
      expect(zonesForRegion('RU', text), text).toEqual(expected);
    }
    expect(offsetsOf(zonesForRegion('RU', 'RU-SA'))).toEqual([9, 10, 11]);
  });

  it('Sakhalin Oblast includes the North Kurils (UTC+11 both, two tzdata zones)', () => {
    expect(zonesForRegion('RU', 'Сахалинская обл.')).toEqual(['Asia/Sakhalin', 'Asia/Srednekolymsk']);
  });

  it('spans UTC+2 Kaliningrad to UTC+12 Kamchatka and Chukotka', () => {
    expect(offsetsOf(zonesForRegion('RU', 'RU-KGD'))).toEqual([2]);
    expect(offsetsOf(zonesForRegion('RU', 'RU-KAM'))).toEqual([12]);
    expect(offsetsOf(zonesForRegion('RU', 'RU-CHU'))).toEqual([12]);
  });

  it('has all 83 ISO 3166-2:RU subjects, each code once', () => {
    const codes = RU_REGION_ZONES.flatMap((r) => (r.code === undefined ? [] : [r.code]));
    expect(codes).toHaveLength(83);
    expect(new Set(codes).size).toBe(83);
    for (const code of codes) expect(code).toMatch(/^RU-[A-Z]{2,3}$/);
  });
});

describe("zonesForRegion: United States (Reg F 1006.6(b)(1): consumer's location)", () => {
  it.each([
    ['US-MA', ['America/New_York']],
    ['MA', ['America/New_York']],
    ['Massachusetts', ['America/New_York']],
    ['Mass.', ['America/New_York']],
    ['Washington', ['America/Los_Angeles']],
    ['Washington, D.C.', ['America/New_York']],
    ['DC', ['America/New_York']],
    ['Hawaii', ['Pacific/Honolulu']],
    ['Puerto Rico', ['America/Puerto_Rico']],
    ['new york', ['America/New_York']],
  ])('%s → %j', (text, zones) => {
    expect(zonesForRegion('US', text)).toEqual(zones);
  });

  it.each([
    [
      'Indiana',
      'US-IN',
      [
        'America/Indiana/Indianapolis',
        'America/Chicago',
        'America/Indiana/Tell_City',
        'America/Indiana/Knox',
      ],
      [-6, -5],
    ],
    [
      'Kentucky',
      'KY',
      ['America/New_York', 'America/Kentucky/Louisville', 'America/Kentucky/Monticello', 'America/Chicago'],
      [-6, -5],
    ],
    ['Tennessee', 'TN', ['America/Chicago', 'America/New_York'], [-6, -5]],
    ['Florida', 'FL', ['America/New_York', 'America/Chicago'], [-6, -5]],
    ['Oregon', 'OR', ['America/Los_Angeles', 'America/Boise'], [-8, -7]],
    ['Idaho', 'ID', ['America/Boise', 'America/Los_Angeles'], [-8, -7]],
    ['Nebraska', 'NE', ['America/Chicago', 'America/Denver'], [-7, -6]],
    ['Kansas', 'KS', ['America/Chicago', 'America/Denver'], [-7, -6]],
    ['Texas', 'TX', ['America/Chicago', 'America/Denver'], [-7, -6]],
    [
      'North Dakota',
      'ND',
      ['America/Chicago', 'America/Denver', 'America/North_Dakota/Center', 'America/North_Dakota/Beulah'],
      [-7, -6],
    ],
    ['South Dakota', 'SD', ['America/Chicago', 'America/Denver'], [-7, -6]],
    ['Michigan', 'MI', ['America/Detroit', 'America/Menominee'], [-6, -5]],
    ['Arizona', 'AZ', ['America/Phoenix', 'America/Denver'], [-7]],
    ['Nevada', 'NV', ['America/Los_Angeles', 'America/Denver'], [-8, -7]],
  ])('%s (%s) is split: includes %j', (name, code, mustInclude, offsets) => {
    const byName = zonesForRegion('US', name);
    expect(zonesForRegion('US', code)).toEqual(byName);
    expect(byName).toEqual(expect.arrayContaining(mustInclude));
    expect(offsetsOf(byName)).toEqual(offsets);
  });

  it('Alaska lists all seven tzdata zones, Adak (UTC-10) to Metlakatla', () => {
    const zones = zonesForRegion('US', 'Alaska');
    expect(zones).toHaveLength(7);
    expect(zones).toEqual(
      expect.arrayContaining(['America/Anchorage', 'America/Juneau', 'America/Nome', 'America/Adak']),
    );
    expect(offsetsOf(zones)).toEqual([-10, -9]);
  });

  it('has the 50 states, DC and the inhabited territories', () => {
    const codes = US_REGION_ZONES.map((r) => r.code);
    expect(codes).toHaveLength(57);
    expect(codes).toEqual(expect.arrayContaining(['US-DC', 'US-PR', 'US-GU', 'US-VI', 'US-AS', 'US-MP']));
  });
});

describe("zonesForRegion: Canada (CRTC rules: the called person's local time)", () => {
  it.each([
    ['CA-ON', ['America/Toronto', 'America/Winnipeg', 'America/Panama']],
    ['Ontario', ['America/Toronto', 'America/Winnipeg', 'America/Panama']],
    ['Québec', ['America/Toronto', 'America/Puerto_Rico', 'America/Halifax']],
    ['NL', ['America/St_Johns', 'America/Goose_Bay']],
    ['Saskatchewan', ['America/Regina', 'America/Swift_Current', 'America/Edmonton']],
    [
      'B.C.',
      [
        'America/Vancouver',
        'America/Edmonton',
        'America/Dawson_Creek',
        'America/Fort_Nelson',
        'America/Phoenix',
      ],
    ],
    ['Yukon', ['America/Whitehorse', 'America/Dawson']],
  ])('%s → %j', (text, zones) => {
    expect(zonesForRegion('CA', text)).toEqual(zones);
  });

  it('Newfoundland is UTC-3:30 in winter, Yukon UTC-7 all year', () => {
    expect(offsetsOf(zonesForRegion('CA', 'CA-NL'))).toEqual([-4, -3.5]);
    expect(offsetsOf(zonesForRegion('CA', 'CA-YT'))).toEqual([-7]);
  });

  it('regionFor gives the entry with its code and names', () => {
    expect(regionFor('CA', 'Nova Scotia')).toMatchObject({
      code: 'CA-NS',
      names: expect.arrayContaining(['Nova Scotia']),
    });
    expect(regionFor('RU', 'Калининградская обл.')?.code).toBe('RU-KGD');
    expect(regionFor('RU', '91')?.names[0]).toBe('Республика Крым');
    expect(regionFor('CA', 'Atlantis')).toBeNull();
  });
});

describe('zonesForRegion: unknown input', () => {
  it.each([
    ['RU', 'Атлантида'],
    ['RU', ''],
    ['RU', '   '],
    ['RU', 'US-MA'],
    ['RU', '00'],
    ['US', 'Kaliningrad'],
    ['US', 'ZZ'],
    ['DE', 'Bayern'],
    ['', 'Moscow'],
  ])('%s / %j → null', (country, text) => {
    expect(zonesForRegion(country, text)).toBeNull();
  });

  it('accepts the country code in any case', () => {
    expect(zonesForRegion('ru', 'RU-KGD')).toEqual(['Europe/Kaliningrad']);
    expect(zonesForRegion(' us ', 'us-ma')).toEqual(['America/New_York']);
  });
});

describe('every zone is a valid IANA zone', () => {
  const all = [...RU_REGION_ZONES, ...US_REGION_ZONES, ...CA_REGION_ZONES].flatMap((r) =>
    r.zones.map((zone) => [r.code ?? r.names[0] ?? '?', zone] as const),
  );
  it.each(all)('%s: %s', (_region, zone) => {
    expect(IANAZone.isValidZone(zone)).toBe(true);
  });

  it('every region lists each zone once and at least one', () => {
    for (const r of [...RU_REGION_ZONES, ...US_REGION_ZONES, ...CA_REGION_ZONES]) {
      expect(r.zones.length, r.names[0]).toBeGreaterThan(0);
      expect(new Set(r.zones).size, r.names[0]).toBe(r.zones.length);
    }
  });

  it('every name resolves back to its own region', () => {
    for (const [country, table] of [
      ['RU', RU_REGION_ZONES],
      ['US', US_REGION_ZONES],
      ['CA', CA_REGION_ZONES],
    ] as const) {
      for (const r of table) {
        for (const name of r.names) expect(zonesForRegion(country, name), name).toEqual(r.zones);
      }
    }
  });
});
