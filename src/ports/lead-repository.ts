import type { PhoneForDecision } from '../domain/compliance/dial-decision.js';

/** A due lead, locked for this dialer (state "dialing") with what the dial decision needs. */
export interface ClaimedLead {
  leadId: number;
  campaignId: string;
  debtId: number;
  personId: number;
  attempts: number;
  outcomeCounts: Record<string, number>;
  /** An agent-owned callback: only this agent may take the call. */
  ownerAgentId: number | null;
  person: {
    role: 'debtor' | 'guarantor' | 'third_party';
    hasThirdPartyConsent: boolean;
    flags: string[];
    quietBeforeLocal: string | null;
    /** The address's country (ISO 3166-1) and region as the list gave them, for regional rules. */
    country: string | null;
    region: string | null;
    quietAfterLocal: string | null;
  };
  phones: PhoneForDecision[];
  isPersonDnc: boolean;
  dncNumbers: Set<string>;
  /** The person's calls and messages of the last HISTORY_DAYS, across every campaign and phone. */
  history: ContactHistoryEntry[];
}

/** How far back the history goes: the longest counter window (230-FZ calendar month, Reg F 7 days). */
export const HISTORY_DAYS = 35;

export interface ContactHistoryEntry {
  at: Date;
  kind: 'call' | 'message';
  debtId: number;
  personId: number;
  e164: string | null;
  /** The call's system outcome; null while the call is still in progress. */
  outcome: string | null;
  /** The agent's disposition said a telephone conversation took place. */
  isConversation: boolean;
}

export interface LeadUpdate {
  state: 'ready' | 'in-call' | 'closed';
  nextAttemptAt?: Date;
  closedReason?: string;
  /** Count this as an attempt on the lead (a placed call), with its outcome. */
  countedOutcome?: string;
  lastPhoneId?: number;
  lastAttemptAt?: Date;
}

/** A due lead not taken because its person is held by another lead (in a call, preview or wrap-up). */
export interface DeferredLead {
  leadId: number;
  campaignId: string;
  debtId: number;
  personId: number;
  /** The lead's new next_attempt_at. */
  retryAt: Date;
}

export interface ClaimResult {
  leads: ClaimedLead[];
  deferred: DeferredLead[];
}

/** How long a due lead whose person is held elsewhere waits before it is looked at again. */
export const PERSON_BUSY_RETRY_MS = 5 * 60_000;
/** A person reservation older than this is taken over (its dialer died without releasing it). */
export const PERSON_RESERVATION_TTL_MS = 4 * 3_600_000;

export interface LeadRepository {
  /**
   * Atomically takes up to `limit` ready leads of the campaign whose next_attempt_at has come,
   * oldest first, marks them "dialing" and reserves their persons. Two dialers never get the same
   * lead (SKIP LOCKED), and never two leads of the same person at once, in any campaign (the
   * person reservation, released when the lead leaves dialing/in-call). Due leads whose person is
   * held are pushed back by PERSON_BUSY_RETRY_MS and returned as `deferred`.
   */
  claimDue(campaignId: string, now: Date, limit: number): Promise<ClaimResult>;
  /** The same data as claimDue for a lead this dialer already holds (fresh DNC, phones, flags). */
  reload(leadId: number, now: Date): Promise<ClaimedLead | null>;
  update(leadId: number, update: LeadUpdate): Promise<void>;
  markPhone(phoneId: number, status: 'bad' | 'wrong-number'): Promise<void>;
  /** Leads left "dialing"/"in-call" by a dialer that died are made ready again at start-up. */
  recoverStale(campaignId: string, now: Date): Promise<number>;
}
