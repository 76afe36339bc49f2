/**
 * Reads campaigns/*.yaml (campaign definitions) and campaigns/scripts/*.yaml (agent scripts) and
 * validates them with the domain schemas. Any invalid file stops start-up with one message per
 * problem naming the file, the line, the field path and what is wrong.
 */
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import { z, type ZodType } from 'zod';
import {
  campaignDefinitionSchema,
  type CampaignDefinition,
} from '../../domain/campaign/campaign-definition.js';
import { scriptDefinitionSchema, type ScriptDefinition } from '../../domain/campaign/script-definition.js';
import { ConfigError } from '../../domain/errors.js';
import { RULE_SETS, usesHolidayCalendar } from '../../domain/compliance/engine/rule-sets.js';

export interface LoadedFile<T> {
  file: string;
  sha256: string;
  definition: T;
}

export interface LoadedCampaignFiles {
  campaigns: LoadedFile<CampaignDefinition>[];
  scripts: LoadedFile<ScriptDefinition>[];
}

export class CampaignFileError extends ConfigError {
  constructor(readonly problems: string[]) {
    super(`Invalid campaign files:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

async function yamlFiles(dir: string): Promise<string[]> {
  const entries = await fs.readdir(dir, { withFileTypes: true }).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return [];
    throw err;
  });
  return entries
    .filter((e) => e.isFile() && /\.ya?ml$/i.test(e.name))
    .map((e) => path.join(dir, e.name))
    .sort();
}

/** Parses and validates one file; returns the definition or the problems, each naming file:line and field. */
export function parseDefinitionFile<T>(
  displayName: string,
  text: string,
  schema: ZodType<T>,
): { definition?: T; problems: string[] } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    return {
      problems: doc.errors.map((e) => {
        const pos = e.linePos?.[0];
        return `${displayName}${pos ? `:${pos.line}:${pos.col}` : ''}: YAML syntax: ${e.message.split('\n')[0]}`;
      }),
    };
  }
  const result = schema.safeParse(doc.toJS());
  if (result.success) return { definition: result.data, problems: [] };
  return {
    problems: result.error.issues.map((issue) => {
      const fieldPath = issue.path.map(String);
      const node = doc.getIn(fieldPath, true) as { range?: [number, number, number] } | undefined;
      const parent = doc.getIn(fieldPath.slice(0, -1), true) as
        { range?: [number, number, number] } | undefined;
      const offset = node?.range?.[0] ?? parent?.range?.[0];
      const line = offset !== undefined ? `:${lineCounter.linePos(offset).line}` : '';
      const where = fieldPath.length ? fieldPath.join('.') : '(file)';
      return `${displayName}${line}: ${where}: ${issue.message}`;
    }),
  };
}

export async function loadCampaignFiles(campaignsDir: string): Promise<LoadedCampaignFiles> {
  const problems: string[] = [];
  const load = async <T>(file: string, schema: ZodType<T>): Promise<LoadedFile<T> | null> => {
    const text = await fs.readFile(file, 'utf8');
    const relative = path.relative(process.cwd(), file);
    const display = relative && !relative.startsWith('..') ? relative : file;
    const parsed = parseDefinitionFile(display, text, schema);
    problems.push(...parsed.problems);
    if (!parsed.definition) return null;
    return {
      file: display,
      sha256: createHash('sha256').update(text).digest('hex'),
      definition: parsed.definition,
    };
  };
  const campaigns = (
    await Promise.all((await yamlFiles(campaignsDir)).map((f) => load(f, campaignDefinitionSchema)))
  ).filter((c): c is LoadedFile<CampaignDefinition> => c !== null);
  const scripts = (
    await Promise.all(
      (await yamlFiles(path.join(campaignsDir, 'scripts'))).map((f) => load(f, scriptDefinitionSchema)),
    )
  ).filter((s): s is LoadedFile<ScriptDefinition> => s !== null);

  const seen = new Map<string, string>();
  for (const c of campaigns) {
    const other = seen.get(c.definition.id);
    if (other) problems.push(`${c.file}: id: "${c.definition.id}" is already used by ${other}`);
    seen.set(c.definition.id, c.file);
    if (!RULE_SETS.has(c.definition.compliance.ruleSet)) {
      problems.push(
        `${c.file}: compliance.ruleSet: unknown rule set "${c.definition.compliance.ruleSet}" (known: ${[...RULE_SETS.keys()].join(', ')})`,
      );
    }
    const script = scripts.find((s) => s.definition.id === c.definition.script);
    if (!script) {
      problems.push(
        `${c.file}: script: "${c.definition.script}" does not exist in ${path.join(campaignsDir, 'scripts')} (known: ${scripts.map((s) => s.definition.id).join(', ') || 'none'})`,
      );
    }
  }
  // The production calendar as data: campaigns/calendars/ru-production.yaml, for every campaign
  // whose rule set keeps Russian working-day and day-off hours (RU-230-FZ).
  const calendar = await readRuProductionCalendar(campaignsDir);
  problems.push(...calendar.problems);
  for (const c of campaigns) {
    if (!usesHolidayCalendar(c.definition.compliance.ruleSet, 'ru-production')) continue;
    const merged = new Set([...c.definition.compliance.extraNonWorkingDays, ...calendar.nonWorkingDays]);
    c.definition.compliance.extraNonWorkingDays = [...merged].sort();
  }
  if (problems.length > 0) throw new CampaignFileError(problems);
  return { campaigns, scripts };
}

/**
 * campaigns/calendars/ru-production.yaml: the non-working days beyond the statutory holidays (none
 * when the file is absent). Problems name the file, line and field.
 */
export async function readRuProductionCalendar(
  campaignsDir: string,
): Promise<{ nonWorkingDays: string[]; problems: string[] }> {
  const file = path.join(campaignsDir, 'calendars', 'ru-production.yaml');
  const text = await fs.readFile(file, 'utf8').catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return null;
    throw err;
  });
  if (text === null) return { nonWorkingDays: [], problems: [] };
  const relative = path.relative(process.cwd(), file);
  const parsed = parseDefinitionFile(
    relative && !relative.startsWith('..') ? relative : file,
    text,
    ruProductionCalendarFileSchema,
  );
  return { nonWorkingDays: parsed.definition?.nonWorkingDays ?? [], problems: parsed.problems };
}

/** campaigns/calendars/ru-production.yaml: the non-working days beyond the statutory holidays. */
const ruProductionCalendarFileSchema = z
  .object({ nonWorkingDays: z.array(z.iso.date('a date as YYYY-MM-DD')).default([]) })
  .strict();
