/**
 * Deterministic randomness for the simulated PBX. Each call gets its own generator seeded from
 * (model seed, dialled number, ChannelId), so a call's outcome never depends on how many calls came
 * before it or on timing: two runs with the same seed and the same attempts see the same calls.
 */

/** cyrb53 (public domain): a fast 53-bit string hash with good avalanche, used only to derive seeds. */
export function hashString(text: string, seed = 0): number {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < text.length; i += 1) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/** mulberry32 (public domain): returns floats in [0, 1). Period 2^32, plenty for one call's draws. */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The generator for one call. */
export function callRandom(seed: number | string, number: string, channelId: string): () => number {
  return mulberry32(hashString(`${seed}|${number}|${channelId}`));
}
