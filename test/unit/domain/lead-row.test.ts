import { describe, expect, it } from 'vitest';
import { canonicalHeader, missingColumns, parseLeadRow } from '../../../src/domain/contact/lead-row.js';

const good = {
  account: 'A-1',
  name: 'Иванов Иван Иванович',
  phone1: '+7 912 345-67-89',
  region: 'RU-KGD',
  balance: '15000,50',
  currency: 'rub',
};

describe('lead rows', () => {
  it('maps Russian and English header aliases', () => {
    expect(['ФИО', 'Телефон', 'Счёт', 'ZIP', 'phone'].map(canonicalHeader)).toEqual([
      'name',
      'phone1',
      'account',
      'postal_code',
      'phone1',
    ]);
  });
  it('names the missing required columns', () => {
    expect(missingColumns(['account', 'name'])).toEqual(['phone1 (or phone, mobile, home, work)']);
    expect(missingColumns(['phone1'])).toEqual(['account', 'name']);
  });
  it('normalises a good row: E.164, zone from the region (230-FZ: the address decides), amount', () => {
    const { row, problems } = parseLeadRow(good, 2);
    expect(problems).toEqual([]);
    expect(row).toMatchObject({ account: 'A-1', role: 'debtor', balance: '15000.50', currency: 'RUB' });
    expect(row?.phones).toEqual([
      { e164: '+79123456789', type: 'mobile', candidateZones: ['Europe/Kaliningrad'], zoneSource: 'region' },
    ]);
  });
  it("an explicit zone that is one of the region's zones narrows it (Sakha spans UTC+9 to UTC+11)", () => {
    const { row, warnings } = parseLeadRow({ ...good, region: 'Якутия', timezone: 'Asia/Srednekolymsk' }, 2);
    expect(row?.phones[0]).toMatchObject({ candidateZones: ['Asia/Srednekolymsk'], zoneSource: 'explicit' });
    expect(warnings).toEqual([]);
  });
  it('an explicit zone outside the region is a second candidate, with a warning naming the phone', () => {
    const { row, warnings } = parseLeadRow({ ...good, timezone: 'Asia/Kamchatka' }, 2);
    expect(row?.phones[0]).toMatchObject({
      candidateZones: ['Asia/Kamchatka', 'Europe/Kaliningrad'],
      zoneSource: 'explicit+region',
    });
    expect(warnings).toEqual([
      expect.objectContaining({
        row: 2,
        field: 'phone1',
        message: expect.stringMatching(/^time zones disagree: /),
      }),
    ]);
  });
  it('Russia: without an address the number decides, and a mobile number gives every Russian zone', () => {
    const { row } = parseLeadRow({ ...good, region: '', phone2: '+7 (4012) 12-34-56' }, 2);
    expect(row?.phones[0]?.zoneSource).toBe('number');
    expect(row?.phones[0]?.candidateZones).toEqual(
      expect.arrayContaining(['Europe/Kaliningrad', 'Asia/Kamchatka']),
    );
    expect(row?.phones[1]).toMatchObject({ candidateZones: ['Europe/Kaliningrad'], zoneSource: 'number' });
  });
  it('US: the address, ZIP code and number are all candidates; a disagreement is reported', () => {
    const us = { account: 'U-1', name: 'Jane Roe', country: 'US', region: 'CA', postal_code: '94110' };
    const agree = parseLeadRow({ ...us, phone1: '(415) 555-0123' }, 4);
    expect(agree.row?.phones[0]).toMatchObject({
      candidateZones: ['America/Los_Angeles'],
      zoneSource: 'region+postal+number',
    });
    expect(agree.warnings).toEqual([]);
    const differ = parseLeadRow({ ...us, phone1: '(617) 555-0123' }, 5);
    expect(differ.row?.phones[0]).toMatchObject({
      candidateZones: ['America/Los_Angeles', 'America/New_York'],
      zoneSource: 'region+postal+number',
    });
    expect(differ.warnings).toEqual([
      expect.objectContaining({
        row: 5,
        field: 'phone1',
        message: expect.stringContaining('number NANP 617 Massachusetts'),
      }),
    ]);
  });
  it.each([
    [{ name: '=HYPERLINK("http://x","click")' }, 'name', /spreadsheet formula/],
    [{ name: '@SUM(A1)' }, 'name', /spreadsheet formula/],
    [{ name: '<img src=x onerror=alert(1)>' }, 'name', /HTML markup/],
    [{ name: '' }, 'name', /is empty/],
    [{ phone1: '12' }, 'phone1', /not/],
    [{ balance: '12,3,4' }, 'balance', /not an amount/],
    [{ role: 'boss' }, 'role', /not a role/],
    [{ timezone: 'Moscow' }, 'timezone', /not an IANA/],
    [{ name: 'Ivan\u0007' }, 'name', /control characters/],
  ])('refuses %o with a message naming the column', (patch, field, message) => {
    const { row, problems } = parseLeadRow({ ...good, ...patch }, 7);
    expect(row).toBeUndefined();
    expect(problems).toContainEqual(
      expect.objectContaining({ row: 7, field, message: expect.stringMatching(message) }),
    );
  });
  it('keeps the row when one of two phones is bad, and warns about the bad one', () => {
    const { row, warnings } = parseLeadRow({ ...good, phone2: 'not a phone' }, 3);
    expect(row?.phones).toHaveLength(1);
    expect(warnings).toEqual([expect.objectContaining({ row: 3, field: 'phone2' })]);
  });
});
