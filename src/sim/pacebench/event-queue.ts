/**
 * Binary min-heap of simulation events ordered by (time, insertion sequence): ties break by the order
 * events were scheduled, so a run is a pure function of its inputs (research/pacing.md §5.2).
 */
export interface SimEvent {
  time: number;
  seq: number;
  kind: number;
  /** Index of the agent, or the call's id. */
  ref: number;
  /** Generation of the agent or call when scheduled; a stale event is skipped. */
  gen: number;
}

function before(a: SimEvent, b: SimEvent): boolean {
  return a.time < b.time || (a.time === b.time && a.seq < b.seq);
}

export class EventQueue {
  private readonly heap: SimEvent[] = [];
  private seq = 0;

  get size(): number {
    return this.heap.length;
  }

  push(time: number, kind: number, ref: number, gen: number): void {
    const event: SimEvent = { time, seq: this.seq, kind, ref, gen };
    this.seq += 1;
    const heap = this.heap;
    let i = heap.length;
    heap.push(event);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = heap[parent] as SimEvent;
      if (!before(event, p)) break;
      heap[i] = p;
      i = parent;
    }
    heap[i] = event;
  }

  pop(): SimEvent | undefined {
    const heap = this.heap;
    const top = heap[0];
    const last = heap.pop();
    if (top === undefined || last === undefined || heap.length === 0) return top;
    const n = heap.length;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      let c = l;
      if (r < n && before(heap[r] as SimEvent, heap[l] as SimEvent)) c = r;
      const child = heap[c] as SimEvent;
      if (!before(child, last)) break;
      heap[i] = child;
      i = c;
    }
    heap[i] = last;
    return top;
  }
}
