import type { Knex } from 'knex';
import type { CampaignDefinition } from '../../domain/campaign/campaign-definition.js';
import type { ScriptDefinition } from '../../domain/campaign/script-definition.js';
import type { LoadedCampaignFiles } from '../campaign-files/load-campaign-files.js';

export interface CampaignRow {
  id: string;
  name: string;
  definition: CampaignDefinition;
  status: 'running' | 'paused' | 'stopped';
  sourceFile: string;
}

/** Mirrors the campaign files into the database (definitions are data; the files stay the source). */
export class KnexCampaignStore {
  constructor(private readonly knex: Knex) {}

  async sync(files: LoadedCampaignFiles): Promise<void> {
    await this.knex.transaction(async (trx) => {
      for (const s of files.scripts) {
        await trx('scripts')
          .insert({
            id: s.definition.id,
            name: s.definition.name,
            locale: s.definition.locale,
            definition: JSON.stringify(s.definition),
            source_file: s.file,
            source_sha256: s.sha256,
            loaded_at: trx.fn.now(),
          })
          .onConflict('id')
          .merge(['name', 'locale', 'definition', 'source_file', 'source_sha256', 'loaded_at']);
      }
      for (const c of files.campaigns) {
        await trx('campaigns')
          .insert({
            id: c.definition.id,
            name: c.definition.name,
            definition: JSON.stringify(c.definition),
            source_file: c.file,
            source_sha256: c.sha256,
            status: c.definition.enabled ? 'running' : 'stopped',
          })
          .onConflict('id')
          .merge(['name', 'definition', 'source_file', 'source_sha256', 'loaded_at']);
      }
    });
  }

  async list(): Promise<CampaignRow[]> {
    const rows = await this.knex('campaigns').orderBy('id');
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      definition: r.definition,
      status: r.status,
      sourceFile: r.source_file,
    }));
  }

  async setStatus(id: string, status: CampaignRow['status']): Promise<void> {
    await this.knex('campaigns').where('id', id).update({ status, status_changed_at: this.knex.fn.now() });
  }

  async script(id: string): Promise<ScriptDefinition | null> {
    const row = await this.knex('scripts').where('id', id).first();
    return row ? (row.definition as ScriptDefinition) : null;
  }
}
