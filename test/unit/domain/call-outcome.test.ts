import { describe, expect, it } from 'vitest';
import { classifyCallEnd, type CallEvidence } from '../../../src/domain/calls/call-outcome.js';

const base: CallEvidence = {
  wasAnswered: false,
  wasHumanWaiting: false,
  wasConnected: false,
  wasDropped: false,
  hadChannel: true,
};

describe('classifyCallEnd', () => {
  it.each<[string, Partial<CallEvidence>, string]>([
    ['connected to an agent', { wasAnswered: true, wasHumanWaiting: true, wasConnected: true }, 'connected'],
    [
      'abandoned with the message',
      { wasAnswered: true, wasHumanWaiting: true, wasDropped: true },
      'abandoned',
    ],
    ['AMD machine', { wasAnswered: true, amdStatus: 'MACHINE' }, 'machine'],
    [
      'answered then hung up before connect',
      { wasAnswered: true, amdStatus: 'HUMAN' },
      'answered-no-agent-hangup',
    ],
    ['dialplan DIALSTATUS BUSY', { dialStatusFromDialplan: 'BUSY' }, 'busy'],
    ['dialplan NOANSWER', { dialStatusFromDialplan: 'NOANSWER', hangupCause: 19 }, 'no-answer'],
    [
      'dialplan NOANSWER with cause 1 (unallocated)',
      { dialStatusFromDialplan: 'NOANSWER', hangupCause: 1 },
      'invalid-number',
    ],
    ['dialplan CONGESTION', { dialStatusFromDialplan: 'CONGESTION' }, 'congestion'],
    [
      'dialplan CHANUNAVAIL for a declined call (cause 21)',
      { dialStatusFromDialplan: 'CHANUNAVAIL', hangupCause: 21 },
      'rejected',
    ],
    [
      'dialplan CHANUNAVAIL for cause 1',
      { dialStatusFromDialplan: 'CHANUNAVAIL', hangupCause: 1 },
      'invalid-number',
    ],
    [
      'dialplan CHANUNAVAIL otherwise',
      { dialStatusFromDialplan: 'CHANUNAVAIL', hangupCause: 34 },
      'congestion',
    ],
    // research §2.3: a PJSIP 486 gives OriginateResponse Reason 0, the SIP code decides.
    ['SIP 486 with Reason 0', { techCause: 486, hangupCause: 17, originateReason: 0 }, 'busy'],
    ['SIP 603 declined', { techCause: 603, hangupCause: 21 }, 'rejected'],
    ['SIP 404', { techCause: 404, hangupCause: 1 }, 'invalid-number'],
    ['SIP 503', { techCause: 503, hangupCause: 34 }, 'congestion'],
    ['cause 17 without SIP code', { hangupCause: 17 }, 'busy'],
    ['cause 19 (timeout)', { hangupCause: 19, originateReason: 3 }, 'no-answer'],
    ['Local Busy() → Reason 5', { originateReason: 5 }, 'busy'],
    ['Local Congestion() → Reason 8', { originateReason: 8 }, 'congestion'],
    [
      'no channel ever created',
      { hadChannel: false, originateReason: 0, originateSucceeded: false },
      'failed',
    ],
  ])('%s → %s', (_name, evidence, expected) => {
    expect(classifyCallEnd({ ...base, ...evidence })).toBe(expected);
  });
});
