import type { LeadPlan } from '../domain/scheduling/retry-policy.js';

export interface DispositionToApply {
  attemptId: string;
  leadId: number;
  campaignId: string;
  agentId: number | null;
  code: string;
  action: string;
  isConversation: boolean;
  isRightParty: boolean;
  isAutomatic: boolean;
  notes: string | null;
  plan: LeadPlan;
  at: Date;
  callback?: { scheduledAt: Date; zone: string; isAgentOwned: boolean } | undefined;
  promise?: { amount: string; currency: string; dueDate: string } | undefined;
  /** do-not-call: the person, everywhere. */
  addPersonDnc?: { reason: string } | undefined;
  /** refused / cease: a flag on the person that blocks every campaign. */
  addPersonFlag?: string | undefined;
  /** wrong-number: the phone of the attempt is marked, for every campaign. */
  markPhoneWrong?: boolean | undefined;
}

export interface DispositionStore {
  /** Applies everything in one transaction; false when the attempt already has a disposition. */
  apply(d: DispositionToApply): Promise<boolean>;
}
