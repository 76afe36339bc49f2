/**
 * What happens to a lead after an attempt: the campaign's retry rules by system outcome, or the
 * agent's disposition. Pure: returns the next state and instant.
 */
import type { CampaignDefinition, CampaignDisposition } from '../campaign/campaign-definition.js';
import type { SystemOutcome } from '../calls/call-outcome.js';

export type LeadPlan =
  | { kind: 'retry'; nextAttemptAt: Date; reason: string }
  | { kind: 'close'; reason: string }
  /** Stop dialing this phone (invalid number); the lead goes on with its other phones, or closes if none is left. */
  | { kind: 'phone-bad'; nextAttemptAt: Date; reason: string };

/** Outcomes where the dialer, not the person, decided the result; never "closes" a lead on its own. */
const NOT_THE_LEADS_FAULT: readonly SystemOutcome[] = ['failed'];
/** Our own failures are retried soon, without counting against the lead. */
export const FAILED_ORIGINATE_RETRY_MS = 60_000;

export function planAfterSystemOutcome(
  now: Date,
  campaign: CampaignDefinition,
  outcome: Exclude<SystemOutcome, 'connected'>,
  attemptsSoFar: number,
  outcomeCountSoFar: number,
): LeadPlan {
  if (NOT_THE_LEADS_FAULT.includes(outcome)) {
    return {
      kind: 'retry',
      nextAttemptAt: new Date(now.getTime() + FAILED_ORIGINATE_RETRY_MS),
      reason: 'dialer-failure',
    };
  }
  const rule = campaign.retry.onOutcome[outcome];
  if (attemptsSoFar >= campaign.retry.maxAttemptsPerLead)
    return { kind: 'close', reason: 'max-attempts-per-lead' };
  if (rule?.maxAttempts !== undefined && outcomeCountSoFar >= rule.maxAttempts) {
    return { kind: 'close', reason: `max-attempts-${outcome}` };
  }
  const delayMs = rule?.delay ?? campaign.retry.defaultDelay;
  const nextAttemptAt = new Date(now.getTime() + delayMs);
  switch (rule?.action ?? 'retry') {
    case 'final':
      return { kind: 'close', reason: outcome };
    case 'phone-bad':
      return {
        kind: 'phone-bad',
        nextAttemptAt: new Date(now.getTime() + Math.min(delayMs, FAILED_ORIGINATE_RETRY_MS)),
        reason: outcome,
      };
    case 'retry':
      return { kind: 'retry', nextAttemptAt, reason: outcome };
  }
}

export interface DispositionInput {
  disposition: CampaignDisposition;
  callbackAt?: Date | undefined;
  promiseDueDate?: Date | undefined;
}

export function planAfterDisposition(
  now: Date,
  campaign: CampaignDefinition,
  attemptsSoFar: number,
  input: DispositionInput,
): LeadPlan {
  const d = input.disposition;
  const afterDelay = new Date(now.getTime() + (d.delay ?? campaign.retry.defaultDelay));
  switch (d.action) {
    case 'final':
    case 'do-not-call':
    case 'refused':
      return { kind: 'close', reason: d.id };
    case 'wrong-number':
      return { kind: 'phone-bad', nextAttemptAt: afterDelay, reason: d.id };
    case 'callback':
      // A callback is a promise to the person: it is honoured even past the attempt cap.
      return { kind: 'retry', nextAttemptAt: input.callbackAt ?? afterDelay, reason: d.id };
    case 'promise-to-pay': {
      const due = input.promiseDueDate ?? afterDelay;
      return { kind: 'retry', nextAttemptAt: new Date(due.getTime() + (d.delay ?? 0)), reason: d.id };
    }
    case 'retry':
      if (attemptsSoFar >= campaign.retry.maxAttemptsPerLead)
        return { kind: 'close', reason: 'max-attempts-per-lead' };
      return { kind: 'retry', nextAttemptAt: afterDelay, reason: d.id };
  }
}
