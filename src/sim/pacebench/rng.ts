/**
 * Splittable seeded randomness for pacebench (research/pacing.md §5.2): every stream is a pure
 * function of (seed, stream name, index), so lead i's destiny depends on (seed, i) only and two
 * policies dial the same people (common random numbers). No Math.random anywhere in the simulator.
 */

/** FNV-1a over the UTF-16 code units of a stream name. */
function hashName(name: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i += 1) {
    h ^= name.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** murmur3's 32-bit finaliser: a bijective avalanche mix. */
function fmix32(value: number): number {
  let h = value >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

export interface Rng {
  /** Uniform on [0, 1), 32 bits of resolution. */
  next(): number;
}

const TWO_POW_32 = 4294967296;
const SFC_WARMUP = 8;

/**
 * sfc32 (Chris Doty-Humphrey's Small Fast Counting generator), 128-bit state in an Int32Array, so
 * no step allocates; `reseed` lets a hot loop reuse one generator.
 */
export class Sfc32 implements Rng {
  private readonly s = new Int32Array(4);

  reseed(a: number, b: number, c: number, d: number): this {
    const s = this.s;
    s[0] = a;
    s[1] = b;
    s[2] = c;
    s[3] = d;
    for (let i = 0; i < SFC_WARMUP; i += 1) this.step();
    return this;
  }

  step(): number {
    const s = this.s;
    const a = s[0] as number;
    const b = s[1] as number;
    const c = s[2] as number;
    const d = s[3] as number;
    const t = (((a + b) | 0) + d) | 0;
    s[3] = d + 1;
    s[0] = b ^ (b >>> 9);
    s[1] = c + (c << 3);
    s[2] = ((c << 21) | (c >>> 11)) + t;
    return t >>> 0;
  }

  next(): number {
    return this.step() / TWO_POW_32;
  }
}

/**
 * Points `rng` at stream `name`, item `index`, under `seed`. The four state words mix seed, name
 * and index (split into two 32-bit halves so indices beyond 2^32 stay distinct) with distinct salts.
 */
export function reseedStream(rng: Sfc32, seed: number, name: string, index = 0): Sfc32 {
  const s = fmix32(seed ^ 0x9e3779b9) ^ fmix32(Math.floor(seed / TWO_POW_32) + 0x7f4a7c15);
  const n = hashName(name);
  const lo = index >>> 0;
  const hi = Math.floor(index / TWO_POW_32) >>> 0;
  return rng.reseed(
    fmix32(s ^ fmix32(n + 0x632be5ab)),
    fmix32(lo ^ fmix32(s + 0x85157af5)),
    fmix32(hi ^ fmix32(n ^ 0x27d4eb2f) ^ 0x165667b1),
    fmix32(s + n + lo + 0xd3a2646c),
  );
}

/** A fresh generator for stream `name`, item `index`, under `seed`. */
export function streamRng(seed: number, name: string, index = 0): Rng {
  return reseedStream(new Sfc32(), seed, name, index);
}
