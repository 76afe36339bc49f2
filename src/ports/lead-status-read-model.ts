/** What "why isn't this lead being dialed?" reads about a lead besides the decision inputs. */
export interface LeadStatusRow {
  leadId: number;
  campaignId: string;
  campaignStatus: 'running' | 'paused' | 'stopped' | null;
  state: 'ready' | 'dialing' | 'in-call' | 'closed';
  nextAttemptAt: Date;
  attempts: number;
  closedReason: string | null;
  ownerAgentId: number | null;
  personId: number;
  personName: string;
  debtAccount: string;
  /** The lead holding this person now (a call, preview or wrap-up), if any. */
  reservation: { leadId: number; campaignId: string; reservedAt: Date; expiresAt: Date } | null;
  /** The last decision on record for this lead. */
  lastDecision: {
    attemptId: string;
    decidedAt: Date;
    decision: 'dial' | 'skip' | 'preview';
    reasonCodes: string[];
    outcome: string | null;
  } | null;
  /** Ready leads of the campaign that come before this one in the dialer's order (when due). */
  dueAhead: number | null;
  phones: { e164: string; status: string; zones: string[]; zoneSource: string | null }[];
}

export interface LeadStatusReadModel {
  /** The lead by id, or every lead of the persons who have this number, in every campaign. */
  find(query: { leadId: number } | { e164: string }, now: Date): Promise<LeadStatusRow[]>;
}
