/**
 * Black-box command line for the compliance engine (issue #3 item 8):
 *   npm run --silent cli -- compliance check --input FILE|-
 * Reads JSON Lines (one self-contained scenario per line), writes one decision per line. A bad line
 * yields {"line": n, "error": "..."} and the run goes on; exit code 1 if any line had an error.
 * Formats: docs/compliance-cli.md.
 */
import { createReadStream, readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { IANAZone } from 'luxon';
import { z } from 'zod';
import { decideCompliance } from '../domain/compliance/engine/decide-compliance.js';
import { RULE_SETS } from '../domain/compliance/engine/rule-sets.js';
import { PERSON_FLAGS, PERSON_ROLES, type ComplianceInput } from '../domain/compliance/engine/types.js';
import { candidateZonesFor } from '../domain/timezones/candidate-zones.js';
import { regionCodeOf } from '../domain/timezones/region-zones.js';
import { loadConfig } from '../config/config.js';
import {
  loadCampaignFiles,
  readRuProductionCalendar,
} from '../adapters/campaign-files/load-campaign-files.js';
import { usesHolidayCalendar } from '../domain/compliance/engine/rule-sets.js';
import { KnexLeadRepository } from '../adapters/db/knex-lead-repository.js';
import { KnexLeadStatusReadModel } from '../adapters/db/knex-lead-status-read-model.js';
import {
  explainQueryFrom,
  LeadExplainer,
  type LeadExplanation,
} from '../services/compliance/explain-lead.js';
import { connectDatabase } from './infrastructure.js';
import { KnexDncStore } from '../adapters/db/knex-dnc-store.js';
import { importDncList } from '../services/compliance/import-dnc.js';

const isoInstant = z.iso.datetime({ offset: true, message: 'write an ISO 8601 instant with an offset' });
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'write local time as HH:MM');
const zoneName = z
  .string()
  .refine((zone) => IANAZone.isValidZone(zone), { message: 'not an IANA time zone' });

const scenarioSchema = z
  .object({
    ruleSet: z.string().refine((id) => RULE_SETS.has(id), {
      error: (iss) => `unknown rule set "${String(iss.input)}" (known: ${[...RULE_SETS.keys()].join(', ')})`,
    }),
    now: isoInstant,
    channel: z.enum(['call', 'message']).optional(),
    person: z.object({
      id: z.string().min(1).default('person'),
      role: z.enum(PERSON_ROLES).default('debtor'),
      flags: z.array(z.enum(PERSON_FLAGS)).default([]),
      thirdPartyConsent: z.boolean().default(false),
      quietHours: z.object({ before: hhmm.optional(), after: hhmm.optional() }).optional(),
    }),
    debt: z.union([z.string().min(1), z.object({ id: z.string().min(1) })]),
    phone: z.object({
      e164: z.string().regex(/^\+[1-9]\d{6,14}$/, 'write the number as E.164, e.g. +12125550100'),
      zones: z
        .array(z.union([zoneName, z.object({ zone: zoneName, source: z.string().default('input') })]))
        .optional(),
      region: z.string().optional(),
      /** Accepted for the format; zones are not derived from postal codes yet. */
      postalCode: z.string().optional(),
      status: z.enum(['ok', 'bad', 'wrong-number']).default('ok'),
    }),
    history: z
      .array(
        z.object({
          at: isoInstant,
          kind: z.enum(['call', 'message']),
          debtId: z.string().optional(),
          personId: z.string().optional(),
          connected: z.boolean().default(false),
          conversation: z.boolean().default(false),
          abandoned: z.boolean().optional(),
          e164: z.string().optional(),
          consentedUntil: isoInstant.optional(),
        }),
      )
      .default([]),
    dnc: z.array(z.object({ e164: z.string().optional(), personId: z.string().optional() })).default([]),
    /** Person flags given at the top level are merged with person.flags. */
    flags: z.array(z.enum(PERSON_FLAGS)).default([]),
    extraHolidays: z.array(z.iso.date()).optional(),
  })
  .strict();

type Scenario = z.infer<typeof scenarioSchema>;

function candidateZones(phone: Scenario['phone']): ComplianceInput['phone']['zones'] {
  // Zones given (even none: "no zone is known") are taken as they are.
  if (phone.zones !== undefined)
    return phone.zones.map((z) => (typeof z === 'string' ? { zone: z, source: 'input' } : z));
  // No zones given: the same composition as a list import (domain/timezones/candidate-zones.ts) —
  // the address's region and postal code and the number; in Russia the address decides, elsewhere
  // every source is a candidate. A number that matches no numbering plan is an error for this line.
  const prefixed = phone.region === undefined ? null : /^([A-Za-z]{2})-/.exec(phone.region);
  const found = candidateZonesFor({
    e164: phone.e164,
    region: phone.region ?? null,
    postalCode: phone.postalCode ?? null,
    country: prefixed?.[1]?.toUpperCase() ?? null,
  });
  if ('error' in found) throw new Error(`phone: ${found.error}`);
  // A region the scenario names but no table knows is bad input, not "unknown address".
  if (phone.region !== undefined && !found.sources.includes('region'))
    throw new Error(
      `phone.region: ${found.notes.find((n) => n.startsWith('region')) ?? 'not a known region'}`,
    );
  return found.bySource.flatMap((s) => s.zones.map((zone) => ({ zone, source: `${s.source} ${s.basis}` })));
}

/** The person's region as ISO 3166-2 codes (none when unknown). */
function regionCodes(region: string | undefined, hints: { e164: string }): string[] {
  const code = region === undefined ? null : regionCodeOf(region, hints);
  return code === null ? [] : [code];
}

function toInput(s: Scenario, ruNonWorkingDays: readonly string[]): ComplianceInput {
  const debtId = typeof s.debt === 'string' ? s.debt : s.debt.id;
  return {
    ruleSetId: s.ruleSet,
    now: new Date(s.now),
    channel: s.channel,
    person: {
      id: s.person.id,
      role: s.person.role,
      flags: [...new Set([...s.person.flags, ...s.flags])],
      hasThirdPartyConsent: s.person.thirdPartyConsent,
      quietBeforeLocal: s.person.quietHours?.before ?? null,
      quietAfterLocal: s.person.quietHours?.after ?? null,
      regions: regionCodes(s.phone.region, { e164: s.phone.e164 }),
    },
    debtId,
    phone: { e164: s.phone.e164, zones: candidateZones(s.phone), status: s.phone.status },
    history: s.history.map((h) => ({
      at: new Date(h.at),
      kind: h.kind,
      debtId: h.debtId ?? debtId,
      personId: h.personId ?? s.person.id,
      connected: h.connected || h.conversation,
      conversation: h.conversation,
      ...(h.abandoned === undefined ? {} : { abandoned: h.abandoned }),
      ...(h.e164 === undefined ? {} : { e164: h.e164 }),
      ...(h.consentedUntil === undefined ? {} : { consentedUntil: new Date(h.consentedUntil) }),
    })),
    dnc: s.dnc,
    ...extraHolidaysOf(s, ruNonWorkingDays),
  };
}

function formatIssues(error: z.ZodError): string {
  return error.issues
    .map((i) => `${i.path.length > 0 ? i.path.join('.') : '(line)'}: ${i.message}`)
    .join('; ');
}

/** Decides one line; returns the JSON to print and whether it was an error. */
/** The scenario's own extra holidays, plus the production calendar file's days for a RU set. */
function extraHolidaysOf(s: Scenario, ruNonWorkingDays: readonly string[]): { extraHolidays?: string[] } {
  const fromFile =
    RULE_SETS.has(s.ruleSet) && usesHolidayCalendar(s.ruleSet, 'ru-production') ? ruNonWorkingDays : [];
  const days = [...new Set([...(s.extraHolidays ?? []), ...fromFile])];
  return days.length > 0 ? { extraHolidays: days } : {};
}

function checkLine(
  text: string,
  lineNo: number,
  ruNonWorkingDays: readonly string[],
): { output: unknown; isError: boolean } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    return { output: { line: lineNo, error: `invalid JSON: ${(err as Error).message}` }, isError: true };
  }
  const parsed = scenarioSchema.safeParse(json);
  if (!parsed.success) return { output: { line: lineNo, error: formatIssues(parsed.error) }, isError: true };
  try {
    const d = decideCompliance(toInput(parsed.data, ruNonWorkingDays));
    return {
      output: {
        allowed: d.allowed,
        ruleIds: d.ruleIds,
        zones: d.zones,
        localTimes: d.localTimes,
        retryAt: d.allowed ? null : (d.retryAt?.toISOString() ?? null),
        counters: d.counters,
        reasons: d.allowed ? [] : d.reasons,
      },
      isError: false,
    };
  } catch (err) {
    return { output: { line: lineNo, error: (err as Error).message }, isError: true };
  }
}

async function complianceCheck(inputPath: string): Promise<number> {
  const text = readFileSync(inputPath === '-' ? 0 : inputPath, 'utf8');
  // campaigns/calendars/ru-production.yaml applies here as in the dialer (CAMPAIGNS_DIR).
  const calendar = await readRuProductionCalendar(loadConfig().campaignsDir);
  if (calendar.problems.length > 0) {
    process.stderr.write(`${calendar.problems.join('\n')}\n`);
    return 2;
  }
  let hadError = false;
  text.split(/\r?\n/).forEach((line, index) => {
    if (line.trim() === '') return;
    const { output, isError } = checkLine(line, index + 1, calendar.nonWorkingDays);
    hadError ||= isError;
    process.stdout.write(`${JSON.stringify(output)}\n`);
  });
  return hadError ? 1 : 0;
}

const USAGE = [
  'usage: cli compliance check --input FILE|-',
  '       cli compliance explain (--lead ID | --phone NUMBER) [--json]',
  '       cli dnc import --file FILE|- --source NAME [--campaign ID] [--country US] [--expires YYYY-MM-DD]',
].join('\n');

/** The value after a flag, or undefined. */
function flagValue(args: readonly string[], flag: string): string | undefined {
  const at = args.indexOf(flag);
  return at >= 0 ? args[at + 1] : undefined;
}

/**
 * Loads a do-not-call list (the National DNC Registry's download, or an internal list) into the
 * database the dialer checks before every call. Lines that are not phone numbers are reported by
 * line number; the others are loaded. Exit 0, or 1 when some lines were refused, 2 for usage.
 */
async function dncImport(args: readonly string[]): Promise<number> {
  const file = flagValue(args, '--file');
  const source = flagValue(args, '--source')?.trim();
  const expires = flagValue(args, '--expires');
  const usage = (problem: string) => {
    process.stderr.write(`${problem}\n${USAGE}\n`);
    return 2;
  };
  if (file === undefined) return usage('--file: give the list file, or - for standard input');
  if (!source || !/^[\w.:-]{1,60}$/.test(source))
    return usage(
      '--source: name where the list comes from, e.g. national-dnc or internal (letters, digits, . : - _)',
    );
  if (expires !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(expires))
    return usage(`--expires: "${expires.slice(0, 20)}" is not a date as YYYY-MM-DD`);
  const expiresAt = expires === undefined ? null : new Date(`${expires}T23:59:59Z`);
  if (expiresAt !== null && Number.isNaN(expiresAt.getTime()))
    return usage(`--expires: "${expires}" is not a calendar date`);
  const config = loadConfig();
  const campaignId = flagValue(args, '--campaign') ?? null;
  if (campaignId !== null) {
    const files = await loadCampaignFiles(config.campaignsDir);
    if (!files.campaigns.some((c) => c.definition.id === campaignId))
      return usage(`--campaign: no campaign "${campaignId.slice(0, 40)}" in ${config.campaignsDir}`);
  }
  const input = file === '-' ? process.stdin : createReadStream(file, { encoding: 'utf8' });
  const db = await connectDatabase(config, (line) => process.stderr.write(`${line}\n`));
  try {
    const result = await importDncList(
      { store: new KnexDncStore(db.knex), clock: { now: () => new Date() } },
      createInterface({ input, crlfDelay: Infinity }),
      { source, campaignId, expiresAt, defaultCountry: flagValue(args, '--country')?.toUpperCase() },
    );
    const where = file === '-' ? 'stdin' : file;
    for (const p of result.problems) process.stderr.write(`${where}:${p.line}: ${p.message}\n`);
    if (result.problemCount > result.problems.length)
      process.stderr.write(`… and ${result.problemCount - result.problems.length} more refused lines\n`);
    process.stdout.write(
      `${JSON.stringify({ file: where, source, scope: campaignId === null ? 'global' : `campaign ${campaignId}`, ...result, problems: undefined })}\n`,
    );
    return result.problemCount > 0 ? 1 : 0;
  } finally {
    await db.stop();
  }
}

/** "Why isn't this lead being dialed?" against the running (or the embedded) database. */
async function complianceExplain(args: readonly string[]): Promise<number> {
  const parsed = explainQueryFrom({
    lead: flagValue(args, '--lead'),
    phone: flagValue(args, '--phone'),
    country: flagValue(args, '--country'),
  });
  if ('error' in parsed) {
    process.stderr.write(`--${parsed.field}: ${parsed.error}\n${USAGE}\n`);
    return 2;
  }
  const config = loadConfig();
  const files = await loadCampaignFiles(config.campaignsDir);
  const campaigns = new Map(files.campaigns.map((c) => [c.definition.id, c.definition]));
  const db = await connectDatabase(config, (line) => process.stderr.write(`${line}\n`));
  try {
    const explainer = new LeadExplainer({
      status: new KnexLeadStatusReadModel(db.knex),
      leads: new KnexLeadRepository(db.knex),
      campaigns: (id) => campaigns.get(id),
      clock: { now: () => new Date() },
    });
    const leads = await explainer.explain(parsed.query);
    if (args.includes('--json')) process.stdout.write(`${JSON.stringify({ leads })}\n`);
    else process.stdout.write(formatExplanations(leads));
    if (leads.length === 0) {
      process.stderr.write(
        'leadId' in parsed.query
          ? `no lead ${parsed.query.leadId}\n`
          : `no lead of a person with the number ${parsed.query.e164}\n`,
      );
      return 1;
    }
    return 0;
  } finally {
    await db.stop();
  }
}

/** The explanation as text for a terminal. */
function formatExplanations(leads: readonly LeadExplanation[]): string {
  const lines: string[] = [];
  for (const e of leads) {
    const verdict = e.isCallableNow
      ? `CALLABLE NOW${e.dueAhead !== null ? ` (${e.dueAhead} due leads of the campaign ahead of it)` : ''}`
      : e.callableAt
        ? `NOT NOW: callable from ${e.callableAt.toISOString()}`
        : 'NOT CALLABLE until someone acts';
    lines.push(
      `lead ${e.leadId} · campaign ${e.campaignId} (${e.campaignStatus ?? 'unknown'}, ${e.dialMode ?? '?'}) · ${e.person.name} · account ${e.debtAccount}`,
      `  state ${e.state}, ${e.attempts} attempts, next attempt ${e.nextAttemptAt.toISOString()}`,
      `  ${verdict}`,
    );
    for (const b of e.blockers)
      lines.push(
        `  - ${b.code}${b.ruleId ? ` [${b.ruleId}]` : ''}: ${b.text}; lifts ${b.until ? b.until.toISOString() : 'not by itself'}`,
      );
    if (e.decisionNow) {
      const d = e.decisionNow;
      lines.push(
        `  decision now: ${d.allowed ? 'allowed' : 'denied'}${d.phone ? ` on ${d.phone}` : ''}; zones ${d.zones.join(', ') || '-'}`,
      );
      for (const l of d.localTimes)
        lines.push(`    ${l.zone} ${l.localTime}${l.isInside ? '' : ' (outside)'}`);
      for (const [key, c] of Object.entries(d.counters)) {
        const counter = c as { used?: number; limit?: number; window?: string };
        lines.push(`    ${key}: ${counter.used} of ${counter.limit} (${counter.window})`);
      }
    }
    for (const p of e.phones)
      lines.push(
        `  phone ${p.e164} ${p.status} zones ${p.zones.join(', ') || '-'} (from ${p.zoneSource ?? '-'})`,
      );
    if (e.lastDecision)
      lines.push(
        `  last decision ${e.lastDecision.decidedAt.toISOString()} ${e.lastDecision.decision} ${e.lastDecision.reasonCodes.join(', ')}`,
      );
    lines.push('');
  }
  return `${lines.join('\n')}\n`;
}

async function main(argv: readonly string[]): Promise<number> {
  const [area, command, ...rest] = argv;
  if (area === 'compliance' && command === 'check') {
    const at = rest.indexOf('--input');
    const path = at >= 0 ? rest[at + 1] : undefined;
    if (path !== undefined) return complianceCheck(path);
  }
  if (area === 'compliance' && command === 'explain') return complianceExplain(rest);
  if (area === 'dnc' && command === 'import') return dncImport(rest);
  process.stderr.write(`${USAGE}\n`);
  return 2;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
