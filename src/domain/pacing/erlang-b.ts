/**
 * Erlang-B loss formula by the stable recursion B_0 = 1, B_k = a·B_{k−1} / (k + a·B_{k−1})
 * (research/pacing.md §3.7), and its inverse in the offered load.
 */
export function erlangB(servers: number, offeredLoad: number): number {
  let b = 1;
  for (let k = 1; k <= servers; k += 1) b = (offeredLoad * b) / (k + offeredLoad * b);
  return b;
}

const BISECTION_STEPS = 60;

/** a* = max{a : B(n, a) ≤ α} by bisection (B is increasing in a); 0 when n = 0 or α ≤ 0. */
export function erlangBMaxLoad(servers: number, maxBlocking: number): number {
  if (servers <= 0 || !(maxBlocking > 0)) return 0;
  if (maxBlocking >= 1) return Number.MAX_SAFE_INTEGER;
  let lo = 0;
  let hi = Math.max(1, servers);
  while (erlangB(servers, hi) <= maxBlocking) hi *= 2;
  for (let i = 0; i < BISECTION_STEPS; i += 1) {
    const mid = (lo + hi) / 2;
    if (erlangB(servers, mid) <= maxBlocking) lo = mid;
    else hi = mid;
  }
  return lo;
}
