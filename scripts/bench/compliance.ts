/**
 * `npm run bench:compliance` — decisions per second of the pure rule engine (decideCompliance) on
 * one core, with realistic inputs: a seeded mix of rule sets (RU-230-FZ, US-REG-F, the Massachusetts
 * overlay, Ofcom, Ontario), 1–3 candidate zones per phone, histories of 0–30 calls and messages over
 * the last 35 days across two debts, person flags and quiet hours now and then; the decisions' clock
 * moves forward through 60 days (every hour of day and night, weekdays, weekends and holidays), as a
 * dialer's does. Prints one line of figures and a JSON object (issue #3 goal: ≥ 100,000/s).
 *
 * Options: --scenarios N (default 20000), --seconds S per run (default 3), --runs R (default 5).
 */
import { performance } from 'node:perf_hooks';
import { decideCompliance } from '../../src/domain/compliance/engine/decide-compliance.js';
import type { ComplianceInput, HistoryEntry } from '../../src/domain/compliance/engine/types.js';
import { mulberry32 } from '../../src/sim/pbx/prng.js';
import { positiveOption } from './options.js';

const RU_ZONES = [
  'Europe/Kaliningrad',
  'Europe/Moscow',
  'Europe/Samara',
  'Asia/Yekaterinburg',
  'Asia/Omsk',
  'Asia/Novosibirsk',
  'Asia/Krasnoyarsk',
  'Asia/Irkutsk',
  'Asia/Yakutsk',
  'Asia/Vladivostok',
  'Asia/Magadan',
  'Asia/Kamchatka',
];
const US_ZONES = [
  'America/New_York',
  'America/Chicago',
  'America/Denver',
  'America/Phoenix',
  'America/Los_Angeles',
  'America/Anchorage',
  'Pacific/Honolulu',
];
const SETS: { id: string; zones: string[]; weight: number }[] = [
  { id: 'RU-230-FZ', zones: RU_ZONES, weight: 0.45 },
  { id: 'US-REG-F', zones: US_ZONES, weight: 0.35 },
  { id: 'US-REG-F+MA', zones: ['America/New_York'], weight: 0.05 },
  { id: 'UK-OFCOM', zones: ['Europe/London'], weight: 0.1 },
  { id: 'CA-ON-COLLECT', zones: ['America/Toronto'], weight: 0.05 },
];

function scenarios(count: number, seed: number): ComplianceInput[] {
  const rnd = mulberry32(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const base = Date.parse('2026-03-02T00:00:00Z');
  const out: ComplianceInput[] = [];
  for (let i = 0; i < count; i += 1) {
    let r = rnd();
    const set = SETS.find((s) => (r -= s.weight) < 0) ?? SETS[0]!;
    // A dialer decides at the current time: the decisions' clock moves forward through 60 days.
    const now = new Date(base + Math.floor(((i + rnd()) / count) * 60 * 86_400_000));
    const zoneCount = rnd() < 0.8 ? 1 : rnd() < 0.7 ? 2 : 3;
    const zones = Array.from({ length: zoneCount }, () => ({ zone: pick(set.zones), source: 'bench' }));
    const personId = `p${i}`;
    const debtId = `d${i}`;
    const history: HistoryEntry[] = [];
    const entries = Math.floor(rnd() * rnd() * 31);
    for (let h = 0; h < entries; h += 1) {
      const connected = rnd() < 0.6;
      history.push({
        at: new Date(now.getTime() - Math.floor(rnd() * 35 * 86_400_000)),
        kind: rnd() < 0.85 ? 'call' : 'message',
        debtId: rnd() < 0.8 ? debtId : `${debtId}-other`,
        personId,
        connected,
        conversation: connected && rnd() < 0.25,
        abandoned: connected && rnd() < 0.02,
        e164: '+10000000000',
      });
    }
    const flagged = rnd() < 0.03;
    out.push({
      ruleSetId: set.id,
      now,
      person: {
        id: personId,
        role: rnd() < 0.85 ? 'debtor' : rnd() < 0.7 ? 'guarantor' : 'third_party',
        flags: flagged ? [pick(['refused', 'attorney', 'cease', 'bankruptcy'] as const)] : [],
        hasThirdPartyConsent: rnd() < 0.5,
        quietBeforeLocal: rnd() < 0.05 ? '10:00' : null,
        quietAfterLocal: rnd() < 0.05 ? '19:00' : null,
      },
      debtId,
      phone: { e164: '+10000000000', zones, status: 'ok' },
      history,
      dnc: rnd() < 0.02 ? [{ personId }] : [],
      channel: rnd() < 0.95 ? 'call' : 'message',
    });
  }
  return out;
}

const count = positiveOption('scenarios', 20_000, true);
const seconds = positiveOption('seconds', 3);
const runs = positiveOption('runs', 5, true);
const inputs = scenarios(count, 1);
const meanHistory = inputs.reduce((n, s) => n + s.history.length, 0) / inputs.length;

// Warm-up: the JIT and luxon's zone caches, as in a running dialer.
let allowed = 0;
for (const input of inputs) if (decideCompliance(input).allowed) allowed += 1;

const rates: number[] = [];
for (let run = 0; run < runs; run += 1) {
  let decisions = 0;
  const start = performance.now();
  const deadline = start + seconds * 1000;
  while (performance.now() < deadline) {
    for (let i = 0; i < 1000; i += 1) {
      decideCompliance(inputs[(decisions + i) % inputs.length]!);
    }
    decisions += 1000;
  }
  rates.push(decisions / ((performance.now() - start) / 1000));
}
rates.sort((a, b) => a - b);
const median = rates[Math.floor(rates.length / 2)]!;
const figures = {
  benchmark: 'compliance',
  decisionsPerSecond: Math.round(median),
  minPerSecond: Math.round(rates[0]!),
  maxPerSecond: Math.round(rates[rates.length - 1]!),
  runs,
  secondsPerRun: seconds,
  scenarios: count,
  meanHistoryEntries: Number(meanHistory.toFixed(1)),
  allowedShare: Number((allowed / inputs.length).toFixed(3)),
  node: process.version,
  goalPerSecond: 100_000,
};
console.log(
  `compliance decisions/s (one core, median of ${runs} × ${seconds}s): ${figures.decisionsPerSecond.toLocaleString('en')}` +
    ` [min ${figures.minPerSecond.toLocaleString('en')}, max ${figures.maxPerSecond.toLocaleString('en')}];` +
    ` ${count} scenarios, mean history ${figures.meanHistoryEntries} entries, ${Math.round(figures.allowedShare * 100)}% allowed`,
);
console.log(JSON.stringify(figures));
