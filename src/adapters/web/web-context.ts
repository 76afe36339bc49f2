import 'express-session';
import type { Knex } from 'knex';
import type { CampaignDefinition } from '../../domain/campaign/campaign-definition.js';
import type { ScriptDefinition } from '../../domain/campaign/script-definition.js';
import type { AgentDeskReadModel } from '../../ports/agent-desk-read-model.js';
import type { AgentRepository } from '../../ports/agent-repository.js';
import type { EventBus } from '../../ports/event-bus.js';
import type { LeadImportStore } from '../../ports/lead-import-store.js';
import type { Logger } from '../../ports/logger.js';
import type { AgentDeskService } from '../../services/agents/agent-desk-service.js';
import type { LeadExplainer } from '../../services/compliance/explain-lead.js';

/** What the web adapter needs, wired in main/. */
export interface WebContext {
  knex: Knex;
  logger: Logger;
  agents: AgentRepository;
  desk: AgentDeskService;
  deskReadModel: AgentDeskReadModel;
  bus: EventBus;
  imports: LeadImportStore;
  /** Queues an import job (BullMQ); resolves once queued. */
  enqueueImport: (jobId: number) => Promise<void>;
  campaigns: () => ReadonlyMap<string, CampaignDefinition>;
  scripts: () => ReadonlyMap<string, ScriptDefinition>;
  uploadDir: string;
  /** Starts, pauses or stops a campaign (the worker is told at once). */
  setCampaignStatus: (campaignId: string, status: 'running' | 'paused' | 'stopped') => Promise<void>;
  sessionSecret: string;
  /** "Why isn't this lead being dialed?" */
  explainer: Pick<LeadExplainer, 'explain'>;
}

export type Role = 'admin' | 'manager' | 'agent' | 'compliance';

declare module 'express-session' {
  interface SessionData {
    userId: number;
    role: Role;
    displayName: string;
    locale: 'ru' | 'en';
  }
}
