/**
 * Imports one uploaded lead list: CSV → rows validated one by one → debts, persons, phones and
 * campaign leads, in batches, with progress and a per-row problem report. A file-level problem
 * (unreadable, a required column missing) fails the job with a message naming the file and the
 * columns; a bad row is reported with its row number and column and never stops its neighbours.
 */
import {
  canonicalHeader,
  missingColumns,
  parseLeadRow,
  type LeadRow,
  type RowProblem,
} from '../../domain/contact/lead-row.js';
import type { Clock } from '../../ports/clock.js';
import type { LeadImportStore } from '../../ports/lead-import-store.js';

const BATCH_ROWS = 500;
/** Problems stored per job (the count is kept in full). */
export const MAX_STORED_PROBLEMS = 2000;

/** Yields records (header → value) with their row numbers; `headers` is called once first. */
export interface CsvSource {
  headers(): Promise<string[]>;
  /** Rows the file seems to hold (lines less the header), for the progress bar; quoted line breaks make it approximate. */
  estimateRows(): Promise<number>;
  records(): AsyncIterable<
    { rowNumber: number; values: Record<string, string> } | { rowNumber: number; error: string }
  >;
}

export interface ImportResult {
  status: 'done' | 'failed';
  failure?: string;
  totalRows: number;
  importedRows: number;
  rejectedRows: number;
  leadsCreated: number;
  problems: RowProblem[];
}

export async function importList(
  deps: { store: LeadImportStore; clock: Clock; onProgress?: (percentRows: number) => void },
  jobId: number,
  openSource: (filePath: string) => CsvSource,
): Promise<ImportResult> {
  const job = await deps.store.getJob(jobId);
  if (!job) throw new Error(`import job ${jobId} does not exist`);
  await deps.store.markRunning(jobId, deps.clock.now());
  const progress = { totalRows: 0, processedRows: 0, importedRows: 0, rejectedRows: 0, leadsCreated: 0 };
  const allProblems: RowProblem[] = [];
  const fail = async (failure: string): Promise<ImportResult> => {
    await deps.store.saveProgress(jobId, progress, []);
    await deps.store.finish(jobId, { status: 'failed', failure }, deps.clock.now());
    return { status: 'failed', failure, ...progress, problems: allProblems };
  };

  const source = openSource(job.filePath);
  let headers: string[];
  try {
    headers = await source.headers();
  } catch (err) {
    return fail(
      `${job.fileName}: cannot read the file as CSV: ${err instanceof Error ? err.message : String(err)}`,
    );
  }
  const missing = missingColumns(headers);
  if (missing.length > 0) {
    return fail(
      `${job.fileName}: required column${missing.length > 1 ? 's' : ''} missing: ${missing.join(', ')} (found: ${headers.join(', ') || 'no header'})`,
    );
  }
  const canonical = headers.map(canonicalHeader);
  const estimatedRows = await source.estimateRows().catch(() => 0);
  let isReadingDone = false;
  const total = () => (isReadingDone ? progress.totalRows : Math.max(progress.totalRows, estimatedRows));

  let batch: LeadRow[] = [];
  let batchProblems: RowProblem[] = [];
  const flush = async () => {
    if (batch.length > 0) {
      progress.leadsCreated += await deps.store.importRows(job, batch, deps.clock.now());
      progress.importedRows += batch.length;
    }
    const stored = batchProblems.slice(0, Math.max(0, MAX_STORED_PROBLEMS - allProblems.length));
    allProblems.push(...stored);
    await deps.store.saveProgress(jobId, { ...progress, totalRows: total() }, stored);
    deps.onProgress?.(progress.processedRows);
    batch = [];
    batchProblems = [];
  };

  await deps.store.saveProgress(jobId, { ...progress, totalRows: total() }, []);
  try {
    for await (const record of source.records()) {
      progress.totalRows += 1;
      progress.processedRows += 1;
      if ('error' in record) {
        progress.rejectedRows += 1;
        batchProblems.push({ row: record.rowNumber, field: '(row)', message: record.error });
      } else {
        const values: Record<string, string> = {};
        canonical.forEach((key, i) => {
          const v = record.values[headers[i]!];
          if (v !== undefined) values[key] = v;
        });
        const parsed = parseLeadRow(values, record.rowNumber);
        batchProblems.push(...parsed.warnings);
        if (parsed.row) batch.push(parsed.row);
        else {
          progress.rejectedRows += 1;
          batchProblems.push(...parsed.problems);
        }
      }
      if (batch.length >= BATCH_ROWS) await flush();
    }
    isReadingDone = true;
    await flush();
  } catch (err) {
    return fail(
      `${job.fileName}: stopped at row ${progress.processedRows + 1}: ${err instanceof Error ? err.message : String(err)}`,
    );
  }
  await deps.store.finish(jobId, { status: 'done' }, deps.clock.now());
  return { status: 'done', ...progress, problems: allProblems };
}
