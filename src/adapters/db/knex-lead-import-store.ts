import type { Knex } from 'knex';
import type { LeadRow, RowProblem } from '../../domain/contact/lead-row.js';
import type { ImportJobRecord, ImportProgress, LeadImportStore } from '../../ports/lead-import-store.js';
import { MAX_STORED_PROBLEMS } from '../../services/import/import-list.js';

export class KnexLeadImportStore implements LeadImportStore {
  constructor(private readonly knex: Knex) {}

  async createJob(input: {
    campaignId: string;
    listName: string;
    fileName: string;
    filePath: string;
    uploadedBy: number | null;
  }) {
    return this.knex.transaction(async (trx) => {
      const [list] = await trx('lead_lists')
        .insert({
          campaign_id: input.campaignId,
          name: input.listName,
          file_name: input.fileName,
          uploaded_by: input.uploadedBy,
        })
        .returning('id');
      const [job] = await trx('import_jobs')
        .insert({ list_id: list.id, file_path: input.filePath })
        .returning('id');
      return {
        id: job.id,
        listId: list.id,
        campaignId: input.campaignId,
        filePath: input.filePath,
        fileName: input.fileName,
        status: 'queued',
      } as ImportJobRecord;
    });
  }

  async getJob(jobId: number): Promise<ImportJobRecord | null> {
    const row = await this.knex('import_jobs as j')
      .join('lead_lists as l', 'l.id', 'j.list_id')
      .where('j.id', jobId)
      .select('j.id', 'j.list_id', 'j.file_path', 'j.status', 'l.campaign_id', 'l.file_name')
      .first();
    return row
      ? {
          id: row.id,
          listId: row.list_id,
          campaignId: row.campaign_id,
          filePath: row.file_path,
          fileName: row.file_name,
          status: row.status,
        }
      : null;
  }

  async markRunning(jobId: number, at: Date) {
    await this.knex('import_jobs').where('id', jobId).update({ status: 'running', started_at: at });
  }

  async importRows(job: ImportJobRecord, rows: LeadRow[], at: Date): Promise<number> {
    return this.knex.transaction(async (trx) => {
      let created = 0;
      for (const r of rows) {
        const [debt] = await trx('debts')
          .insert({
            account_number: r.account,
            balance: r.balance,
            currency: r.currency,
            days_past_due: r.daysPastDue,
          })
          .onConflict('account_number')
          .merge({
            balance: trx.raw('COALESCE(EXCLUDED.balance, debts.balance)'),
            currency: trx.raw('COALESCE(EXCLUDED.currency, debts.currency)'),
            days_past_due: trx.raw('COALESCE(EXCLUDED.days_past_due, debts.days_past_due)'),
          })
          .returning('id');
        const externalRef = `${r.account}|${r.role}|${r.name.toLowerCase()}`;
        const [person] = await trx('persons')
          .insert({
            external_ref: externalRef,
            full_name: r.name,
            birth_date: r.birthDate,
            country: r.country,
            region: r.region,
            postal_code: r.postalCode,
          })
          .onConflict('external_ref')
          .merge(['full_name', 'birth_date', 'country', 'region', 'postal_code'])
          .returning('id');
        await trx('debt_persons')
          .insert({
            debt_id: debt.id,
            person_id: person.id,
            role: r.role,
            has_third_party_consent: r.hasThirdPartyConsent,
          })
          .onConflict(['debt_id', 'person_id'])
          .merge(['role', 'has_third_party_consent']);
        for (const p of r.phones) {
          await trx('phones')
            .insert({
              person_id: person.id,
              e164: p.e164,
              type: p.type,
              source: `list:${job.listId}`,
              candidate_zones: p.candidateZones,
              zone_source: p.zoneSource,
            })
            .onConflict(['person_id', 'e164'])
            .merge(['type', 'candidate_zones', 'zone_source']);
        }
        const lead = await trx.raw(
          `INSERT INTO campaign_leads (campaign_id, debt_id, person_id, list_id, next_attempt_at)
           VALUES (?, ?, ?, ?, ?) ON CONFLICT (campaign_id, debt_id, person_id) DO NOTHING RETURNING id`,
          [job.campaignId, debt.id, person.id, job.listId, at],
        );
        created += lead.rows.length;
      }
      return created;
    });
  }

  async saveProgress(jobId: number, p: ImportProgress, newProblems: RowProblem[]) {
    await this.knex('import_jobs')
      .where('id', jobId)
      .update({
        total_rows: p.totalRows,
        processed_rows: p.processedRows,
        imported_rows: p.importedRows,
        rejected_rows: p.rejectedRows,
        leads_created: p.leadsCreated,
        row_errors: newProblems.length
          ? this.knex.raw(
              `(SELECT jsonb_agg(e) FROM (SELECT e FROM jsonb_array_elements(row_errors || ?::jsonb) e LIMIT ?) s)`,
              [JSON.stringify(newProblems), MAX_STORED_PROBLEMS],
            )
          : this.knex.raw('row_errors'),
      });
  }

  async finish(jobId: number, outcome: { status: 'done' } | { status: 'failed'; failure: string }, at: Date) {
    await this.knex('import_jobs')
      .where('id', jobId)
      .update({
        status: outcome.status,
        failure: outcome.status === 'failed' ? outcome.failure : null,
        finished_at: at,
      });
  }
}
