/** campaigns/calendars/ru-production.yaml: the production calendar as data an operator updates. */
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadCampaignFiles } from '../../../src/adapters/campaign-files/load-campaign-files.js';
import { decideCompliance } from '../../../src/domain/compliance/engine/decide-compliance.js';
import { scenario } from '../compliance/scenario.js';

const CAMPAIGNS = join(import.meta.dirname, '..', '..', '..', 'campaigns');

describe('the production calendar file', () => {
  let dir: string | null = null;
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
    dir = null;
  });

  async function withCalendar(text: string): Promise<string> {
    dir = await mkdtemp(join(tmpdir(), 'calendar-'));
    await cp(CAMPAIGNS, dir, { recursive: true });
    await writeFile(join(dir, 'calendars', 'ru-production.yaml'), text);
    return dir;
  }

  it('adds its days to campaigns whose rule set keeps Russian hours, and only to them', async () => {
    const files = await loadCampaignFiles(await withCalendar('nonWorkingDays:\n  - 2027-01-11\n'));
    const byId = new Map(files.campaigns.map((c) => [c.definition.id, c.definition]));
    expect(byId.get('ru-collections')?.compliance.extraNonWorkingDays).toContain('2027-01-11');
    expect(byId.get('us-collections')?.compliance.extraNonWorkingDays).toEqual([]);
    // Monday 11 January 2027 at 08:30 in Moscow: with the day in the calendar, holiday hours (from 09:00).
    const at = new Date('2027-01-11T05:30:00Z');
    const plain = decideCompliance(scenario({ ruleSetId: 'RU-230-FZ', zones: ['Europe/Moscow'], now: at }));
    expect(plain.allowed).toBe(true);
    const withFile = decideCompliance({
      ...scenario({ ruleSetId: 'RU-230-FZ', zones: ['Europe/Moscow'], now: at }),
      extraHolidays: byId.get('ru-collections')!.compliance.extraNonWorkingDays,
    });
    expect(withFile).toMatchObject({ allowed: false, retryAt: new Date('2027-01-11T06:00:00Z') });
  });

  it('a bad date stops start-up with the file, line and field', async () => {
    await expect(
      loadCampaignFiles(await withCalendar('nonWorkingDays:\n  - 2027-01-11\n  - 2027-02-30\n')),
    ).rejects.toThrow(/calendars\/ru-production\.yaml:3: nonWorkingDays\.1: a date as YYYY-MM-DD/);
  });

  it('the shipped file loads', async () => {
    const files = await loadCampaignFiles(CAMPAIGNS);
    const ru = files.campaigns.find((c) => c.definition.id === 'ru-collections');
    expect(ru?.definition.compliance.extraNonWorkingDays).toContain('2026-03-09');
  });
});
