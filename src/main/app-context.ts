/** Composition of the dialer's services over PostgreSQL, Redis and the PBX (shared by web, worker, demo). */
import type { Knex } from 'knex';
import path from 'node:path';
import { promises as fs } from 'node:fs';
import { randomBytes } from 'node:crypto';
import type { CampaignDefinition } from '../domain/campaign/campaign-definition.js';
import type { ScriptDefinition } from '../domain/campaign/script-definition.js';
import type { Config } from '../config/config.js';
import {
  loadCampaignFiles,
  type LoadedCampaignFiles,
} from '../adapters/campaign-files/load-campaign-files.js';
import { KnexAgentDeskReadModel } from '../adapters/db/knex-agent-desk-read-model.js';
import { KnexAgentRepository } from '../adapters/db/knex-agent-repository.js';
import { KnexAttemptLog } from '../adapters/db/knex-attempt-log.js';
import { KnexCampaignStore } from '../adapters/db/knex-campaign-store.js';
import { KnexDispositionStore } from '../adapters/db/knex-disposition-store.js';
import { KnexLeadImportStore } from '../adapters/db/knex-lead-import-store.js';
import { KnexLeadRepository } from '../adapters/db/knex-lead-repository.js';
import { RedisEventBus } from '../adapters/queue/redis-event-bus.js';
import { AgentDeskService } from '../services/agents/agent-desk-service.js';
import { LeadExplainer } from '../services/compliance/explain-lead.js';
import { KnexLeadStatusReadModel } from '../adapters/db/knex-lead-status-read-model.js';
import type { Clock } from '../ports/clock.js';

export const systemClock: Clock = { now: () => new Date() };

export async function createAppContext(
  config: Config,
  knex: Knex,
  redisUrl: string,
  preloaded?: LoadedCampaignFiles,
) {
  const files = preloaded ?? (await loadCampaignFiles(config.campaignsDir));
  const campaignStore = new KnexCampaignStore(knex);
  await campaignStore.sync(files);
  const campaigns = new Map<string, CampaignDefinition>(
    files.campaigns.map((c) => [c.definition.id, c.definition]),
  );
  const scripts = new Map<string, ScriptDefinition>(
    files.scripts.map((s) => [s.definition.id, s.definition]),
  );
  const agents = new KnexAgentRepository(knex);
  const bus = new RedisEventBus(redisUrl);
  const desk = new AgentDeskService({
    agents,
    dispositions: new KnexDispositionStore(knex),
    bus,
    clock: systemClock,
    campaign: (id) => campaigns.get(id),
    personZoneOfAttempt: async (attemptId) => {
      const row = await knex('call_attempts as a')
        .join('phones as p', 'p.id', 'a.phone_id')
        .where('a.id', attemptId)
        .select('p.candidate_zones')
        .first();
      return (row?.candidate_zones as string[] | undefined)?.[0] ?? null;
    },
  });
  const leads = new KnexLeadRepository(knex);
  const explainer = new LeadExplainer({
    status: new KnexLeadStatusReadModel(knex),
    leads,
    campaigns: (id) => campaigns.get(id),
    clock: systemClock,
  });
  const uploadDir = path.resolve(config.dataDir, 'uploads');
  await fs.mkdir(uploadDir, { recursive: true });
  return {
    files,
    campaigns,
    scripts,
    campaignStore,
    agents,
    bus,
    desk,
    leads,
    explainer,
    attempts: new KnexAttemptLog(knex),
    imports: new KnexLeadImportStore(knex),
    deskReadModel: new KnexAgentDeskReadModel(knex),
    uploadDir,
    sessionSecret:
      config.web.sessionSecret ?? (await persistentSecret(path.resolve(config.dataDir, 'session-secret'))),
  };
}
/** A random secret kept in the data folder, so sessions survive a restart of the demo. */
async function persistentSecret(file: string): Promise<string> {
  const existing = await fs.readFile(file, 'utf8').catch(() => '');
  if (existing.trim().length >= 32) return existing.trim();
  const secret = randomBytes(32).toString('hex');
  await fs.mkdir(path.dirname(file), { recursive: true });
  await fs.writeFile(file, secret, { mode: 0o600 });
  return secret;
}

export type AppContext = Awaited<ReturnType<typeof createAppContext>>;
