import type { LeadRow, RowProblem } from '../domain/contact/lead-row.js';

export interface ImportJobRecord {
  id: number;
  listId: number;
  campaignId: string;
  filePath: string;
  fileName: string;
  status: 'queued' | 'running' | 'done' | 'failed';
}

export interface ImportProgress {
  /** Rows read so far; before the end, at least the estimate from counting lines. */
  totalRows: number;
  processedRows: number;
  importedRows: number;
  rejectedRows: number;
  leadsCreated: number;
}

export interface LeadImportStore {
  createJob(input: {
    campaignId: string;
    listName: string;
    fileName: string;
    filePath: string;
    uploadedBy: number | null;
  }): Promise<ImportJobRecord>;
  getJob(jobId: number): Promise<ImportJobRecord | null>;
  markRunning(jobId: number, at: Date): Promise<void>;
  /** Upserts debts, persons, phones and campaign leads for a batch; returns how many new leads it created. */
  importRows(job: ImportJobRecord, rows: LeadRow[], at: Date): Promise<number>;
  saveProgress(jobId: number, progress: ImportProgress, newProblems: RowProblem[]): Promise<void>;
  finish(
    jobId: number,
    outcome: { status: 'done' } | { status: 'failed'; failure: string },
    at: Date,
  ): Promise<void>;
}
