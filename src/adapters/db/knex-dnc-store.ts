import type { Knex } from 'knex';
import type { DncNumberEntry, DncStore } from '../../ports/dnc-store.js';

export class KnexDncStore implements DncStore {
  constructor(private readonly knex: Knex) {}

  async addNumbers(entries: readonly DncNumberEntry[]): Promise<number> {
    if (entries.length === 0) return 0;
    // One statement per batch; a number already listed for the same scope (and campaign), and not
    // expired, is not added again, so importing the same file twice changes nothing.
    const result = await this.knex.raw<{ rowCount: number }>(
      `INSERT INTO dnc_entries (scope, campaign_id, e164, source, received_at, expires_at)
       SELECT DISTINCT ON (n.e164, n.scope, n.campaign_id) n.scope, n.campaign_id, n.e164, n.source, n.received_at, n.expires_at
         FROM jsonb_to_recordset(?::jsonb)
              AS n(scope text, campaign_id text, e164 text, source text, received_at timestamptz, expires_at timestamptz)
        WHERE NOT EXISTS (
          SELECT 1 FROM dnc_entries d
           WHERE d.e164 = n.e164 AND d.scope = n.scope
             AND d.campaign_id IS NOT DISTINCT FROM n.campaign_id
             AND (d.expires_at IS NULL OR d.expires_at > n.received_at))`,
      [
        JSON.stringify(
          entries.map((e) => ({
            scope: e.scope,
            campaign_id: e.campaignId,
            e164: e.e164,
            source: e.source,
            received_at: e.receivedAt.toISOString(),
            expires_at: e.expiresAt?.toISOString() ?? null,
          })),
        ),
      ],
    );
    return result.rowCount;
  }
}
