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

export interface LeadRepository {
  /**
   * Atomically takes up to `limit` ready leads of the campaign whose next_attempt_at has come,
   * oldest first, and marks them "dialing"; two dialers never get the same lead (SKIP LOCKED).
   */
  claimDue(campaignId: string, now: Date, limit: number): Promise<ClaimedLead[]>;
  /** The same data as claimDue for a lead this dialer already holds (fresh DNC, phones, flags). */
  reload(leadId: number, now: Date): Promise<ClaimedLead | null>;
  update(leadId: number, update: LeadUpdate): Promise<void>;
  markPhone(phoneId: number, status: 'bad' | 'wrong-number'): Promise<void>;
  /** Leads left "dialing"/"in-call" by a dialer that died are made ready again at start-up. */
  recoverStale(campaignId: string, now: Date): Promise<number>;
}
