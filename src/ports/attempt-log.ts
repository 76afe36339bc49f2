/** The append-only record compliance staff audit: every decision for a due lead, and every call's life. */
export interface AttemptDecisionRecord {
  id: string;
  campaignId: string;
  leadId: number;
  personId: number;
  debtId: number;
  phoneId: number | null;
  phoneE164: string | null;
  dialMode: string;
  decision: 'dial' | 'skip' | 'preview';
  reasonCodes: string[];
  detail: Record<string, unknown>;
  reservedAgentId: number | null;
  callerId: string | null;
  decidedAt: Date;
}

export type AttemptEventName =
  | 'originated'
  | 'originate-failed'
  | 'ringing'
  | 'answered'
  | 'amd'
  | 'human-waiting'
  | 'connected'
  | 'abandoned'
  | 'machine-message'
  | 'preview-skipped'
  | 'preview-expired'
  | 'ended';

export interface AttemptEventRecord {
  attemptId: string;
  event: AttemptEventName;
  occurredAt: Date;
  agentId?: number | null;
  outcome?: string | null;
  detail?: Record<string, unknown>;
}

export interface AttemptLog {
  recordDecision(record: AttemptDecisionRecord): Promise<void>;
  /** Idempotent for "ended" and "connected" (one each per attempt). */
  recordEvent(record: AttemptEventRecord): Promise<void>;
}
