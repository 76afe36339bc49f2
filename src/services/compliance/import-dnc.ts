/**
 * Loads a do-not-call list (the National DNC Registry's download, or an internal list) into
 * dnc_entries, where the dialer checks every number before each call (DNC-NUMBER). Every line is
 * reported by number when it is not a phone number; the valid lines are loaded all the same.
 */
import { parseDncLine } from '../../domain/contact/dnc-list.js';
import type { Clock } from '../../ports/clock.js';
import type { DncNumberEntry, DncStore } from '../../ports/dnc-store.js';

const BATCH = 1000;
/** Problems kept in the report; the rest are counted. */
const MAX_PROBLEMS = 1000;

export interface DncImportOptions {
  source: string;
  campaignId: string | null;
  expiresAt: Date | null;
  /** Country of numbers written without "+" (the registry's are US). */
  defaultCountry?: string;
}

export interface DncImportResult {
  lines: number;
  numbers: number;
  added: number;
  alreadyListed: number;
  problems: { line: number; message: string }[];
  problemCount: number;
}

export async function importDncList(
  deps: { store: DncStore; clock: Clock },
  lines: AsyncIterable<string> | Iterable<string>,
  options: DncImportOptions,
): Promise<DncImportResult> {
  const receivedAt = deps.clock.now();
  const result: DncImportResult = {
    lines: 0,
    numbers: 0,
    added: 0,
    alreadyListed: 0,
    problems: [],
    problemCount: 0,
  };
  let batch: DncNumberEntry[] = [];
  const flush = async () => {
    const added = await deps.store.addNumbers(batch);
    result.added += added;
    result.alreadyListed += batch.length - added;
    batch = [];
  };
  for await (const raw of lines) {
    result.lines += 1;
    const parsed = parseDncLine(raw, options.defaultCountry);
    if ('skip' in parsed) continue;
    if ('problem' in parsed) {
      result.problemCount += 1;
      if (result.problems.length < MAX_PROBLEMS)
        result.problems.push({ line: result.lines, message: parsed.problem });
      continue;
    }
    result.numbers += 1;
    batch.push({
      e164: parsed.e164,
      scope: options.campaignId === null ? 'global' : 'campaign',
      campaignId: options.campaignId,
      source: options.source,
      receivedAt,
      expiresAt: options.expiresAt,
    });
    if (batch.length >= BATCH) await flush();
  }
  await flush();
  return result;
}
