import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

function runCli(lines: readonly string[]): {
  status: number | null;
  out: Record<string, unknown>[];
  stderr: string;
} {
  const r = spawnSync(
    process.execPath,
    ['--import', 'tsx', 'src/main/cli.ts', 'compliance', 'check', '--input', '-'],
    {
      input: `${lines.join('\n')}\n`,
      encoding: 'utf8',
      cwd: process.cwd(),
    },
  );
  const out = r.stdout
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
  return { status: r.status, out, stderr: r.stderr };
}

const SEVEN_CALLS = [3, 4, 5, 6, 7, 8, 9].map((day) => ({
  at: `2026-03-0${day}T10:00:00-05:00`,
  kind: 'call',
  connected: true,
}));
const REG_F_8TH = JSON.stringify({
  ruleSet: 'US-REG-F',
  now: '2026-03-09T16:00:00-04:00',
  person: { id: 'p1', role: 'debtor' },
  debt: 'd1',
  phone: { e164: '+12125550100', region: 'US-NY' },
  history: SEVEN_CALLS,
  dnc: [],
});
const RU_DAY = JSON.stringify({
  ruleSet: 'RU-230-FZ',
  now: '2026-03-10T15:00:00+03:00',
  person: { id: 'p1' },
  debt: { id: 'd1' },
  phone: { e164: '+74951234567', zones: [{ zone: 'Europe/Moscow', source: 'address' }] },
  history: [{ at: '2026-03-10T10:00:00+03:00', kind: 'call', conversation: true }],
});

describe('cli compliance check', { timeout: 30_000 }, () => {
  it('decides every line, reports bad lines and exits 1', () => {
    const { status, out } = runCli([
      REG_F_8TH,
      '{not json',
      RU_DAY,
      JSON.stringify({
        ruleSet: 'XX-NOPE',
        now: '2026-03-10T15:00:00Z',
        person: {},
        debt: 'd',
        phone: { e164: '+12125550100' },
      }),
      JSON.stringify({
        ruleSet: 'US-REG-F',
        now: '2026-03-10 15:00',
        person: {},
        debt: 'd',
        phone: { e164: '+12125550100', zones: ['Mars/Base'] },
      }),
      // An explicit but empty list of zones: no zone is known, denied.
      JSON.stringify({
        ruleSet: 'US-REG-F',
        now: '2026-03-10T15:00:00Z',
        person: {},
        debt: 'd',
        phone: { e164: '+12125550100', zones: [] },
      }),
    ]);
    expect(status).toBe(1);
    expect(out).toHaveLength(6);
    expect(out[0]).toMatchObject({
      allowed: false,
      ruleIds: ['US-REGF-7IN7-CALLS'],
      zones: ['America/New_York'],
      retryAt: '2026-03-10T15:00:00.000Z',
      counters: { 'US-REGF-7IN7-CALLS': { used: 7, limit: 7, window: 'rolling7d' } },
    });
    expect(out[1]).toMatchObject({ line: 2, error: expect.stringContaining('invalid JSON') });
    expect(out[2]).toMatchObject({
      allowed: false,
      ruleIds: ['RU-230-CALLS-1-2-8'],
      retryAt: '2026-03-11T05:00:00.000Z',
    });
    expect(out[3]).toMatchObject({
      line: 4,
      error: expect.stringContaining('ruleSet: unknown rule set "XX-NOPE"'),
    });
    expect(out[4]).toMatchObject({
      line: 5,
      error: expect.stringMatching(/now: .*phone\.zones\.0: not an IANA time zone/),
    });
    expect(out[5]).toMatchObject({
      allowed: false,
      reasons: [{ code: 'no-time-zone-known' }],
      retryAt: null,
    });
  });

  it('exits 0 when every line was decided', () => {
    const allowed = JSON.stringify({
      ruleSet: 'US-REG-F',
      now: '2026-03-10T12:00:00-04:00',
      person: { id: 'p1' },
      debt: 'd1',
      phone: { e164: '+12125550100', zones: ['America/New_York'] },
    });
    const { status, out } = runCli([allowed, REG_F_8TH]);
    expect(status).toBe(0);
    expect(out[0]).toMatchObject({ allowed: true, retryAt: null, reasons: [] });
  });
});
