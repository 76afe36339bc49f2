import { describe, expect, it } from 'vitest';
import { decideDial, type DialDecisionInput } from '../../../src/domain/compliance/dial-decision.js';

const now = new Date('2026-11-23T09:00:00Z'); // Monday 12:00 Moscow
const input = (over: Partial<DialDecisionInput> = {}): DialDecisionInput => ({
  now,
  windows: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '08:00', to: '22:00' }],
  person: {
    role: 'debtor',
    hasThirdPartyConsent: false,
    flags: [],
    quietBeforeLocal: null,
    quietAfterLocal: null,
  },
  phones: [
    { id: 1, e164: '+79120000001', status: 'ok', candidateZones: ['Europe/Moscow'], lastAttemptAt: null },
  ],
  isPersonDnc: false,
  dncNumbers: new Set(),
  ...over,
});

describe('decideDial', () => {
  it('allows a debtor inside the window and records the local time seen', () => {
    const d = decideDial(input());
    expect(d.allowed).toBe(true);
    if (d.allowed) expect(d.localTimes[0]?.localTime).toContain('12:00');
  });
  it('denies a person on the do-not-call list, for good', () => {
    expect(decideDial(input({ isPersonDnc: true }))).toMatchObject({
      allowed: false,
      reasonCodes: ['person-do-not-call'],
      retryAt: null,
    });
  });
  it('denies a flagged person (refusal of interaction, bankruptcy…)', () => {
    const d = decideDial(input({ person: { ...input().person, flags: ['refused'] } }));
    expect(d).toMatchObject({ allowed: false, reasonCodes: ['person-flag:refused'] });
  });
  it('skips a DNC number and dials the person’s other phone', () => {
    const d = decideDial(
      input({
        phones: [
          {
            id: 1,
            e164: '+79120000001',
            status: 'ok',
            candidateZones: ['Europe/Moscow'],
            lastAttemptAt: null,
          },
          {
            id: 2,
            e164: '+79120000002',
            status: 'ok',
            candidateZones: ['Europe/Moscow'],
            lastAttemptAt: new Date('2026-11-20T00:00:00Z'),
          },
        ],
        dncNumbers: new Set(['+79120000001']),
      }),
    );
    expect(d.allowed && d.phone.id).toBe(2);
  });
  it('respects the person’s "not before 10:00" across campaigns', () => {
    const early = new Date('2026-11-23T06:30:00Z'); // 09:30 Moscow
    const d = decideDial(input({ now: early, person: { ...input().person, quietBeforeLocal: '10:00' } }));
    expect(d).toMatchObject({ allowed: false, reasonCodes: ['outside-calling-window'] });
    if (!d.allowed) expect(d.retryAt?.toISOString()).toBe('2026-11-23T07:00:00.000Z');
  });
  it('denies when no zone is known and no default zone is set (never a silent allow)', () => {
    const d = decideDial(
      input({
        phones: [{ id: 1, e164: '+79120000001', status: 'ok', candidateZones: [], lastAttemptAt: null }],
      }),
    );
    expect(d).toMatchObject({ allowed: false, reasonCodes: ['no-time-zone-known'] });
  });
  it('closes the lead when every phone is bad', () => {
    const d = decideDial(
      input({
        phones: [
          {
            id: 1,
            e164: '+79120000001',
            status: 'wrong-number',
            candidateZones: ['Europe/Moscow'],
            lastAttemptAt: null,
          },
        ],
      }),
    );
    expect(d).toMatchObject({ allowed: false, reasonCodes: ['no-usable-phone'], retryAt: null });
  });
});
