/**
 * Distributions of a workload file, as tagged objects, and their samplers. A sampler is a pure
 * function of two uniforms (only the normal uses the second), so a lead's draws stay aligned whatever
 * the outcome and the policy (common random numbers, research/pacing.md §5.2), and a field that is
 * not needed costs no transform.
 */

export type Distribution =
  | { constant: number }
  | { exponential: { mean: number } }
  | { uniform: { min: number; max: number } }
  | { normal: { mean: number; sd: number; min: number; max: number } }
  /** Lognormal given its mean and coefficient of variation (Brown et al. 2005 for talk times). */
  | { lognormal: { mean: number; cv: number } }
  /** Lognormal given its median e^μ and σ. */
  | { lognormalMedian: { median: number; sigma: number } };

export type Sampler = (u1: number, u2: number) => number;

/** Standard normal from two uniforms on [0, 1) (Box–Muller, cosine branch). */
function standardNormal(u1: number, u2: number): number {
  return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
}

// Acklam's rational approximation of the inverse normal CDF (|relative error| < 1.2e-9).
const A0 = -39.69683028665376;
const A1 = 220.9460984245205;
const A2 = -275.9285104469687;
const A3 = 138.357751867269;
const A4 = -30.66479806614716;
const A5 = 2.506628277459239;
const B0 = -54.47609879822406;
const B1 = 161.5858368580409;
const B2 = -155.6989798598866;
const B3 = 66.80131188771972;
const B4 = -13.28068155288572;
const C0 = -0.007784894002430293;
const C1 = -0.3223964580411365;
const C2 = -2.400758277161838;
const C3 = -2.549732539343734;
const C4 = 4.374664141464968;
const C5 = 2.938163982698783;
const D0 = 0.007784695709041462;
const D1 = 0.3224671290700398;
const D2 = 2.445134137142996;
const D3 = 3.754408661907416;
const P_LOW = 0.02425;
const P_MIN = 1e-300;
const P_MAX = 1 - 1e-16;

function tail(q: number): number {
  return (
    (((((C0 * q + C1) * q + C2) * q + C3) * q + C4) * q + C5) / ((((D0 * q + D1) * q + D2) * q + D3) * q + 1)
  );
}

/** Inverse of the standard normal CDF. */
export function inverseNormal(p: number): number {
  const x = Math.min(Math.max(p, P_MIN), P_MAX);
  if (x < P_LOW) return tail(Math.sqrt(-2 * Math.log(x)));
  if (x > 1 - P_LOW) return -tail(Math.sqrt(-2 * Math.log(1 - x)));
  const q = x - 0.5;
  const r = q * q;
  return (
    ((((((A0 * r + A1) * r + A2) * r + A3) * r + A4) * r + A5) * q) /
    (((((B0 * r + B1) * r + B2) * r + B3) * r + B4) * r + 1)
  );
}

export function compileDistribution(dist: Distribution): Sampler {
  if ('constant' in dist) {
    const value = dist.constant;
    return () => value;
  }
  if ('exponential' in dist) {
    const mean = dist.exponential.mean;
    return (u1) => -mean * Math.log(1 - u1);
  }
  if ('uniform' in dist) {
    const { min, max } = dist.uniform;
    return (u1) => min + (max - min) * u1;
  }
  if ('normal' in dist) {
    const { mean, sd, min, max } = dist.normal;
    return (u1, u2) => Math.min(max, Math.max(min, mean + sd * standardNormal(u1, u2)));
  }
  // Lognormals by inversion: one uniform each, monotone in it (a larger u gives a longer call).
  if ('lognormal' in dist) {
    const { mean, cv } = dist.lognormal;
    const sigma = Math.sqrt(Math.log(1 + cv * cv));
    const mu = Math.log(mean) - (sigma * sigma) / 2;
    return (u1) => Math.exp(mu + sigma * inverseNormal(u1));
  }
  const { median, sigma } = dist.lognormalMedian;
  const mu = Math.log(median);
  return (u1) => Math.exp(mu + sigma * inverseNormal(u1));
}

/** Mean of a distribution (normal: of the unclipped normal), for the Markov-twin conventions. */
export function distributionMean(dist: Distribution): number {
  if ('constant' in dist) return dist.constant;
  if ('exponential' in dist) return dist.exponential.mean;
  if ('uniform' in dist) return (dist.uniform.min + dist.uniform.max) / 2;
  if ('normal' in dist) return dist.normal.mean;
  if ('lognormal' in dist) return dist.lognormal.mean;
  return (
    dist.lognormalMedian.median * Math.exp((dist.lognormalMedian.sigma * dist.lognormalMedian.sigma) / 2)
  );
}
