import { describe, expect, it } from 'vitest';
import { EventQueue } from '../../../src/sim/pacebench/event-queue.js';
import { streamRng } from '../../../src/sim/pacebench/rng.js';

describe('pacebench event queue', () => {
  it('pops by time, ties in the order scheduled, across growth and slot reuse', () => {
    const rng = streamRng(5, 'event-queue');
    const q = new EventQueue();
    // A reference model: what is scheduled and not yet popped.
    let pending: { time: number; order: number }[] = [];
    let order = 0;
    const popAndCheck = () => {
      expect(q.pop()).toBe(true);
      const earliest = pending.reduce((m, e) =>
        e.time < m.time || (e.time === m.time && e.order < m.order) ? e : m,
      );
      expect({ time: q.time, order: q.ref }).toEqual(earliest);
      expect(q.gen).toBe(q.ref * 0.5);
      expect(q.kind).toBe(q.ref % 7);
      pending = pending.filter((e) => e !== earliest);
    };
    // Interleave pushes and pops so slots are recycled, with many equal times (ties).
    for (let round = 0; round < 12; round += 1) {
      for (let k = 0; k < 300; k += 1) {
        const time = round * 10 + Math.floor(rng.next() * 20);
        q.push(time, order % 7, order, order * 0.5);
        pending.push({ time, order });
        order += 1;
      }
      for (let k = 0; k < 150; k += 1) popAndCheck();
    }
    while (pending.length > 0) popAndCheck();
    expect(q.size).toBe(0);
    expect(q.pop()).toBe(false);
  });

  it('a simple heap order: earliest first, ties first-in first-out', () => {
    const q = new EventQueue();
    q.push(5, 1, 10, 0);
    q.push(3, 1, 11, 0);
    q.push(5, 1, 12, 0);
    q.push(3, 1, 13, 0);
    q.push(4, 1, 14, 0);
    const refs: number[] = [];
    while (q.pop()) refs.push(q.ref);
    expect(refs).toEqual([11, 13, 14, 10, 12]);
  });
});
