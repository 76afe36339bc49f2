/** The import progress page, built from the manager API's importStatus(). */
import type { importStatus } from '../routes/manager-api.js';
import { labelOf, type Locale, translator } from '../i18n.js';
import { formatCount, isoOrNull } from './format.js';

export type ImportStatusData = Awaited<ReturnType<typeof importStatus>>;

export interface ImportViewModel {
  jobId: number;
  statusUrl: string;
  fileName: string;
  campaignName: string;
  status: string;
  statusLabel: string;
  isFinished: boolean;
  /** 0–100, or null while the total is not known yet (the bar is then indeterminate). */
  percent: number | null;
  progressText: string;
  counters: { key: string; label: string; text: string }[];
  failure: string | null;
  problems: { row: string; column: string; message: string }[];
  startedAt: string | null;
  finishedAt: string | null;
}

/**
 * The importer counts the total as it reads, so a percentage exists only when the total is ahead of
 * the processed rows, or at the end.
 */
export function importPercent(status: string, processed: number, total: number): number | null {
  if (status === 'done' || status === 'failed') return 100;
  if (status === 'queued') return 0;
  if (total > 0 && total > processed) return Math.min(100, Math.floor((processed / total) * 100));
  return null;
}

export function buildImportViewModel(
  s: ImportStatusData,
  campaignName: string,
  locale: Locale,
): ImportViewModel {
  const t = translator(locale);
  const percent = importPercent(s.status, s.processedRows, s.totalRows);
  const processed = formatCount(s.processedRows, locale);
  return {
    jobId: s.jobId,
    statusUrl: `/api/imports/${s.jobId}`,
    fileName: s.fileName,
    campaignName,
    status: s.status,
    statusLabel: labelOf(t, 'import.status', s.status),
    isFinished: s.status === 'done' || s.status === 'failed',
    percent,
    progressText:
      s.totalRows > 0 && (s.totalRows > s.processedRows || s.status === 'done')
        ? t('import.progress', { processed, total: formatCount(s.totalRows, locale) })
        : t('import.progressUnknown', { processed }),
    counters: [
      { key: 'importedRows', label: t('import.imported'), text: formatCount(s.importedRows, locale) },
      { key: 'rejectedRows', label: t('import.rejected'), text: formatCount(s.rejectedRows, locale) },
      { key: 'leadsCreated', label: t('import.leadsCreated'), text: formatCount(s.leadsCreated, locale) },
    ],
    failure: s.failure ? t('import.failure', { message: s.failure }) : null,
    problems: (s.problems ?? []).map((p) => ({ row: String(p.row), column: p.field, message: p.message })),
    startedAt: isoOrNull(s.startedAt),
    finishedAt: isoOrNull(s.finishedAt),
  };
}
