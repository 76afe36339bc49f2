import { describe, expect, it } from 'vitest';
import { campaignDefinitionSchema } from '../../../src/domain/campaign/campaign-definition.js';
import { planAfterDisposition, planAfterSystemOutcome } from '../../../src/domain/scheduling/retry-policy.js';

const campaign = campaignDefinitionSchema.parse({
  id: 'c',
  name: 'C',
  dial: { mode: 'progressive' },
  callerId: { number: '+74951234567', name: 'ACME' },
  agentGroup: 'g',
  script: 's',
  compliance: { ruleSet: 'RU-230-FZ' },
  callingWindows: [{ days: ['mon'], from: '08:00', to: '22:00' }],
  retry: {
    maxAttemptsPerLead: 5,
    defaultDelay: '4h',
    onOutcome: {
      busy: { delay: '30m', maxAttempts: 3 },
      'invalid-number': { action: 'phone-bad' },
      machine: { action: 'final' },
    },
  },
  dispositions: [
    { id: 'ptp', label: 'PTP', action: 'promise-to-pay', delay: '1d' },
    { id: 'later', label: 'Later', action: 'retry', delay: '2h' },
    { id: 'cb', label: 'Callback', action: 'callback' },
    { id: 'dnc', label: 'DNC', action: 'do-not-call' },
  ],
  abandonMessage: { sound: 'custom/abandon', text: 'x' },
});
const now = new Date('2026-11-23T10:00:00Z');

describe('retry policy', () => {
  it('retries busy after its delay until its own cap', () => {
    expect(planAfterSystemOutcome(now, campaign, 'busy', 1, 1)).toEqual({
      kind: 'retry',
      nextAttemptAt: new Date('2026-11-23T10:30:00Z'),
      reason: 'busy',
    });
    expect(planAfterSystemOutcome(now, campaign, 'busy', 3, 3)).toEqual({
      kind: 'close',
      reason: 'max-attempts-busy',
    });
  });
  it('closes the lead at the per-lead cap', () => {
    expect(planAfterSystemOutcome(now, campaign, 'no-answer', 5, 1)).toEqual({
      kind: 'close',
      reason: 'max-attempts-per-lead',
    });
  });
  it('uses the default delay when the outcome has no rule', () => {
    expect(planAfterSystemOutcome(now, campaign, 'no-answer', 1, 1)).toMatchObject({
      kind: 'retry',
      nextAttemptAt: new Date('2026-11-23T14:00:00Z'),
    });
  });
  it('marks the phone bad on an invalid number, and closes on a final outcome', () => {
    expect(planAfterSystemOutcome(now, campaign, 'invalid-number', 1, 1).kind).toBe('phone-bad');
    expect(planAfterSystemOutcome(now, campaign, 'machine', 1, 1)).toEqual({
      kind: 'close',
      reason: 'machine',
    });
  });
  it('never closes a lead for our own failures', () => {
    expect(planAfterSystemOutcome(now, campaign, 'failed', 99, 99).kind).toBe('retry');
  });
  it('waits until the promise date plus the disposition delay', () => {
    const due = new Date('2026-11-30T23:59:59Z');
    const plan = planAfterDisposition(now, campaign, 1, {
      disposition: campaign.dispositions[0]!,
      promiseDueDate: due,
    });
    expect(plan).toEqual({
      kind: 'retry',
      nextAttemptAt: new Date(due.getTime() + 86_400_000),
      reason: 'ptp',
    });
  });
  it('honours a callback time and closes on do-not-call', () => {
    const at = new Date('2026-11-24T07:00:00Z');
    expect(
      planAfterDisposition(now, campaign, 1, { disposition: campaign.dispositions[2]!, callbackAt: at }),
    ).toEqual({ kind: 'retry', nextAttemptAt: at, reason: 'cb' });
    expect(planAfterDisposition(now, campaign, 1, { disposition: campaign.dispositions[3]! })).toEqual({
      kind: 'close',
      reason: 'dnc',
    });
  });
});
