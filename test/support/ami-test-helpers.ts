/** Helpers shared by the AMI suites (simulated PBX and real Asterisk). */
import type { OriginateRequest } from '../../src/ports/telephony.js';

/** Polls `probe` until it returns a value (not undefined/false), or fails naming `what`. */
export async function waitFor<T>(
  probe: () => T | undefined | false,
  what: string,
  timeoutMs = 10_000,
  pollMs = 10,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}

/**
 * Originate requests to the forced-outcome test numbers (docs/asterisk/README.md: +1212555 01CC),
 * with unique attempt ids under `prefix`.
 */
export function originateRequests(prefix: string, defaults: Partial<OriginateRequest> = {}) {
  let seq = 0;
  return (code: string, overrides: Partial<OriginateRequest> = {}): OriginateRequest => {
    seq += 1;
    return {
      attemptId: `${prefix}-${Date.now().toString(36)}-${seq}`,
      campaignId: 'c7',
      leadId: String(seq),
      destinationE164: `+12125550${code.padStart(3, '1')}`,
      callerIdNumber: '5550100',
      callerIdName: 'ACME Collections',
      machineMessage: null,
      ringTimeoutMs: 20_000,
      amd: false,
      backstopDropSeconds: 600,
      abandonMessage: 'vm-goodbye',
      record: false,
      ...defaults,
      ...overrides,
    };
  };
}
