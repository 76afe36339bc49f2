import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { parse, parseDocument } from 'yaml';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import {
  campaignDefinitionSchema,
  type CampaignDefinition,
} from '../../../src/domain/campaign/campaign-definition.js';
import { scriptDefinitionSchema } from '../../../src/domain/campaign/script-definition.js';
import { zonesForRegion } from '../../../src/domain/timezones/region-zones.js';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const CAMPAIGNS_DIR = join(ROOT, 'campaigns');
const SCRIPTS_DIR = join(CAMPAIGNS_DIR, 'scripts');
const SAMPLE_LISTS_DIR = join(CAMPAIGNS_DIR, 'sample-lists');
const BAD_DIR = join(ROOT, 'test', 'fixtures', 'campaigns', 'bad');
/** Rule sets of debt collection: their scripts must verify the right party before anything else. */
const COLLECTIONS_RULE_SETS = ['RU-230-FZ', 'US-REG-F'];

function yamlFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => join(dir, f));
}

const campaignFiles = yamlFiles(CAMPAIGNS_DIR);
const scriptFiles = yamlFiles(SCRIPTS_DIR);

function load<S extends z.ZodType>(file: string, schema: S): z.output<S> {
  const result = schema.safeParse(parse(readFileSync(file, 'utf8')));
  if (!result.success) throw new Error(`${basename(file)}: ${JSON.stringify(result.error.issues, null, 2)}`);
  return result.data;
}

const campaigns = new Map(campaignFiles.map((f) => [f, load(f, campaignDefinitionSchema)]));
const scripts = new Map(scriptFiles.map((f) => [f, load(f, scriptDefinitionSchema)]));
const scriptsById = new Map([...scripts.values()].map((s) => [s.id, s]));

describe('campaigns/*.yaml', () => {
  it('there are campaign and script files to check', () => {
    expect(campaignFiles.length).toBeGreaterThanOrEqual(2);
    expect(scriptFiles.length).toBeGreaterThanOrEqual(2);
  });

  describe.each(campaignFiles.map((f) => [basename(f), f] as const))('%s', (name, file) => {
    const campaign = campaigns.get(file) as CampaignDefinition;

    it('is named after its id', () => {
      expect(name).toBe(`${campaign.id}.yaml`);
    });

    it('uses a script that exists, in the same locale', () => {
      const script = scriptsById.get(campaign.script);
      expect(script, `no campaigns/scripts file with id "${campaign.script}"`).toBeDefined();
      expect(script?.locale).toBe(campaign.locale);
    });

    it('calls from a number libphonenumber knows', () => {
      expect(parsePhoneNumberFromString(campaign.callerId.number)?.isValid()).toBe(true);
    });

    it('a collections script verifies the right party first and has a non-disclosing fallback', () => {
      if (!COLLECTIONS_RULE_SETS.includes(campaign.compliance.ruleSet)) return;
      const first = scriptsById.get(campaign.script)?.steps[0];
      expect(first?.gate).toBe(true);
      expect(first?.ifNot).toBeDefined();
      expect(first?.ifNot).not.toMatch(/debt|долг|задолженн|\{\{debt\./i);
    });
  });

  it('ru-collections keeps the 230-FZ art. 7 p.3(1) hours', () => {
    const ru = [...campaigns.values()].find((c) => c.id === 'ru-collections');
    expect(ru?.compliance.ruleSet).toBe('RU-230-FZ');
    expect(ru?.callingWindows).toEqual([
      { days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '08:00', to: '22:00' },
      { days: ['sat', 'sun', 'holiday'], from: '09:00', to: '20:00' },
    ]);
  });

  it('us-collections keeps the Reg F 1006.6(b)(1) hours every day', () => {
    const us = [...campaigns.values()].find((c) => c.id === 'us-collections');
    expect(us?.compliance.ruleSet).toBe('US-REG-F');
    expect(us?.callingWindows).toEqual([
      { days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun', 'holiday'], from: '08:00', to: '21:00' },
    ]);
    expect(us?.amd).toMatchObject({ enabled: true, onMachine: 'message' });
  });
});

describe('campaigns/scripts/*.yaml', () => {
  it.each(scriptFiles.map((f) => [basename(f), f] as const))('%s is named after its id', (name, file) => {
    expect(name).toBe(`${scripts.get(file)?.id}.yaml`);
  });
});

describe('test/fixtures/campaigns/bad: one mistake per file, reported with its path', () => {
  it.each([
    ['ring-timeout-10s.yaml', ['dial', 'ringTimeout'], 'must be at least 15s'],
    ['connect-grace-5s.yaml', ['pacing', 'connectGrace'], 'must be at most 2s'],
    ['unknown-dial-mode.yaml', ['dial', 'mode'], 'expected one of "preview"|"progressive"|"predictive"'],
    ['duplicate-disposition-id.yaml', ['dispositions', 1, 'id'], 'duplicate disposition id "callback"'],
    ['duplicate-hotkey.yaml', ['dispositions', 1, 'hotkey'], 'hotkey "1" is used twice'],
    ['retry-without-delay.yaml', ['dispositions', 1, 'delay'], 'a "retry" disposition needs a delay'],
    ['bad-caller-id.yaml', ['callerId', 'number'], 'an E.164 number'],
    ['window-from-after-to.yaml', ['callingWindows', 0, 'to'], '"from" must be earlier than "to"'],
    ['script-unknown-placeholder.yaml', ['steps', 1, 'say'], 'unknown placeholder {{debt.amount}}'],
    [
      'ofcom-amd-without-estimate.yaml',
      ['amd', 'falsePositiveEstimate'],
      'required when pacing.countAmdFalsePositives',
    ],
    [
      'ofcom-amd-estimate-over-cap.yaml',
      ['amd', 'falsePositiveEstimate'],
      '4% of live people hung up on by AMD alone reaches the 3% abandonment cap',
    ],
  ] as const)('%s → %j', (file, path, message) => {
    const schema = file.startsWith('script-') ? scriptDefinitionSchema : campaignDefinitionSchema;
    const result = schema.safeParse(parse(readFileSync(join(BAD_DIR, file), 'utf8')));
    expect(
      result.success ? [] : result.error.issues.map((i) => ({ path: i.path, message: i.message })),
    ).toEqual([{ path, message: expect.stringContaining(message) }]);
  });

  it('yaml-syntax-error.yaml → a YAML parse error with its line', () => {
    const doc = parseDocument(readFileSync(join(BAD_DIR, 'yaml-syntax-error.yaml'), 'utf8'));
    expect(doc.errors.map((e) => ({ code: e.code, line: e.linePos?.[0].line }))).toEqual([
      { code: 'BAD_INDENT', line: 24 },
    ]);
  });

  it('every file in the folder is covered above', () => {
    expect(readdirSync(BAD_DIR).sort()).toEqual([
      'bad-caller-id.yaml',
      'connect-grace-5s.yaml',
      'duplicate-disposition-id.yaml',
      'duplicate-hotkey.yaml',
      'ofcom-amd-estimate-over-cap.yaml',
      'ofcom-amd-without-estimate.yaml',
      'retry-without-delay.yaml',
      'ring-timeout-10s.yaml',
      'script-unknown-placeholder.yaml',
      'unknown-dial-mode.yaml',
      'window-from-after-to.yaml',
      'yaml-syntax-error.yaml',
    ]);
  });
});

/** The sample lists follow docs/lead-lists.md; the generator checks the same when it writes them. */
describe('campaigns/sample-lists/*.csv', () => {
  const COLUMNS =
    'account,role,name,phone1,phone1_type,phone2,phone2_type,country,region,postal_code,timezone,balance,currency,days_past_due,birth_date';
  const files = readdirSync(SAMPLE_LISTS_DIR)
    .filter((f) => f.endsWith('.csv'))
    .sort();

  it('has the RU and US lists', () => {
    expect(files).toEqual(['ru-collections.csv', 'us-collections.csv']);
  });

  describe.each(files)('%s', (file) => {
    const text = readFileSync(join(SAMPLE_LISTS_DIR, file), 'utf8');
    const rows = parseCsv(text, { columns: true, skip_empty_lines: true }) as Record<string, string>[];

    it('starts with exactly the documented header, no BOM', () => {
      expect(text.split('\n')[0]).toBe(COLUMNS);
    });

    it('every phone is valid for libphonenumber-js/max and used once', () => {
      const phones = rows
        .flatMap((r) => [r.phone1, r.phone2])
        .filter((p): p is string => p !== undefined && p !== '');
      expect(new Set(phones).size).toBe(phones.length);
      expect(phones.filter((p) => parsePhoneNumberFromString(p)?.isValid() !== true)).toEqual([]);
    });

    it('every region resolves and an explicit timezone is one of its zones', () => {
      const bad = rows.filter((r) => {
        const zones = zonesForRegion(r.country ?? '', r.region ?? '');
        return zones === null || (r.timezone !== '' && !zones.includes(r.timezone ?? ''));
      });
      expect(bad).toEqual([]);
    });

    it('every account has one debtor, listed first; roles are known; debt fields agree', () => {
      const byAccount = new Map<string, Record<string, string>[]>();
      for (const row of rows)
        byAccount.set(row.account ?? '', [...(byAccount.get(row.account ?? '') ?? []), row]);
      for (const [account, persons] of byAccount) {
        expect(
          persons.map((p) => p.role).filter((r) => r === 'debtor'),
          account,
        ).toEqual(['debtor']);
        expect(persons[0]?.role, account).toBe('debtor');
        for (const p of persons) {
          expect(['debtor', 'guarantor', 'third_party']).toContain(p.role);
          expect([p.balance, p.currency, p.days_past_due]).toEqual([
            persons[0]?.balance,
            persons[0]?.currency,
            persons[0]?.days_past_due,
          ]);
        }
      }
    });
  });
});
