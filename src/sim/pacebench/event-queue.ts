/**
 * Binary min-heap of simulation events ordered by (time, insertion sequence): ties break by the order
 * events were scheduled, so a run is a pure function of its inputs (research/pacing.md §5.2).
 *
 * Events live in typed-array columns indexed by a slot, recycled through a free list, and the heap
 * orders slot numbers: scheduling an event allocates nothing. (One object per event made the garbage
 * collector a tenth of pacebench's time: events scheduled minutes ahead outlive the young generation.)
 */
const INITIAL_CAPACITY = 1024;

export class EventQueue {
  private times = new Float64Array(INITIAL_CAPACITY);
  private seqs = new Float64Array(INITIAL_CAPACITY);
  private kinds = new Int32Array(INITIAL_CAPACITY);
  private refs = new Float64Array(INITIAL_CAPACITY);
  private gens = new Float64Array(INITIAL_CAPACITY);
  /** Slots in heap order. */
  private heap = new Int32Array(INITIAL_CAPACITY);
  private count = 0;
  /** Free slots (a stack) and how many of them; slots ≥ `used` have never been taken. */
  private free = new Int32Array(INITIAL_CAPACITY);
  private freeCount = 0;
  private used = 0;
  private seq = 0;

  /** The event `pop` took last: its time, kind, ref (agent index or call id) and generation. */
  time = 0;
  kind = 0;
  ref = 0;
  gen = 0;

  get size(): number {
    return this.count;
  }

  /**
   * Schedules an event. `ref` is the agent's index or the call's id; `gen` the agent's generation
   * when scheduled (a stale event is skipped), or a payload such as a pause length.
   */
  push(time: number, kind: number, ref: number, gen: number): void {
    const slot = this.takeSlot();
    this.times[slot] = time;
    this.seqs[slot] = this.seq;
    this.seq += 1;
    this.kinds[slot] = kind;
    this.refs[slot] = ref;
    this.gens[slot] = gen;
    const heap = this.heap;
    let i = this.count;
    this.count += 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = heap[parent]!;
      if (!this.before(slot, p)) break;
      heap[i] = p;
      i = parent;
    }
    heap[i] = slot;
  }

  /** Takes the earliest event into `time`, `kind`, `ref` and `gen`; false when none is left. */
  pop(): boolean {
    if (this.count === 0) return false;
    const heap = this.heap;
    const top = heap[0]!;
    this.time = this.times[top]!;
    this.kind = this.kinds[top]!;
    this.ref = this.refs[top]!;
    this.gen = this.gens[top]!;
    this.free[this.freeCount] = top;
    this.freeCount += 1;
    this.count -= 1;
    const n = this.count;
    if (n === 0) return true;
    const last = heap[n]!;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      let c = l;
      if (r < n && this.before(heap[r]!, heap[l]!)) c = r;
      const child = heap[c]!;
      if (!this.before(child, last)) break;
      heap[i] = child;
      i = c;
    }
    heap[i] = last;
    return true;
  }

  private before(a: number, b: number): boolean {
    const ta = this.times[a]!;
    const tb = this.times[b]!;
    return ta < tb || (ta === tb && this.seqs[a]! < this.seqs[b]!);
  }

  private takeSlot(): number {
    if (this.freeCount > 0) {
      this.freeCount -= 1;
      return this.free[this.freeCount]!;
    }
    if (this.used === this.times.length) this.grow();
    const slot = this.used;
    this.used += 1;
    return slot;
  }

  private grow(): void {
    const size = this.times.length * 2;
    const widen = <T extends Float64Array | Int32Array>(old: T, make: (n: number) => T): T => {
      const next = make(size);
      next.set(old);
      return next;
    };
    this.times = widen(this.times, (n) => new Float64Array(n));
    this.seqs = widen(this.seqs, (n) => new Float64Array(n));
    this.kinds = widen(this.kinds, (n) => new Int32Array(n));
    this.refs = widen(this.refs, (n) => new Float64Array(n));
    this.gens = widen(this.gens, (n) => new Float64Array(n));
    this.heap = widen(this.heap, (n) => new Int32Array(n));
    this.free = widen(this.free, (n) => new Int32Array(n));
  }
}
