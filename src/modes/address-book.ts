/**
 * The addresses seen recently in frames whose parity proves them (CRC-valid DF11/17/18).
 * Address/Parity formats (DF0/4/5/16/20/21) carry their address only inside the parity, so
 * a recovered address is trusted only when it is in this book (as readsb's ICAO filter does).
 *
 * Bounded open-addressing hash set (linear probing) over two typed arrays: no allocation
 * per frame. Entries older than `ttl` seconds no longer count and are dropped when the
 * table fills. Frame times may be NaN (unknown): then the latest known time is used.
 */

const EMPTY = -1;

export class AddressBook {
  private readonly keys: Int32Array;
  private readonly seen: Float64Array;
  private readonly spareKeys: Int32Array;
  private readonly spareSeen: Float64Array;
  private readonly mask: number;
  private readonly limit: number;
  private size = 0;
  private now = 0;

  /** @param capacity at most this many addresses (rounded up to a power of two) @param ttl seconds an address stays trusted */
  constructor(capacity = 4096, readonly ttl = 60) {
    let n = 16;
    while (n < capacity * 2) n <<= 1;
    this.keys = new Int32Array(n).fill(EMPTY);
    this.seen = new Float64Array(n);
    this.spareKeys = new Int32Array(n);
    this.spareSeen = new Float64Array(n);
    this.mask = n - 1;
    this.limit = n >> 1;
  }

  private slotOf(addr: number): number {
    let i = (Math.imul(addr, 0x9e3779b1) >>> 16) & this.mask;
    while (this.keys[i] !== EMPTY && this.keys[i] !== addr) i = (i + 1) & this.mask;
    return i;
  }

  private clock(t: number): number {
    if (t > this.now) this.now = t;
    return this.now;
  }

  /** Record that `addr` (24-bit) was proven at time `t` (unix seconds, NaN when unknown). */
  add(addr: number, t: number): void {
    const now = this.clock(t);
    let i = this.slotOf(addr);
    if (this.keys[i] === EMPTY) {
      if (this.size >= this.limit) {
        this.evict(now);
        i = this.slotOf(addr);
      }
      this.keys[i] = addr;
      this.size++;
    }
    this.seen[i] = now;
  }

  /** Whether `addr` was proven within the last `ttl` seconds before `t`. */
  has(addr: number, t: number): boolean {
    const now = this.clock(t);
    const i = this.slotOf(addr);
    return this.keys[i] !== EMPTY && now - this.seen[i] <= this.ttl;
  }

  /** Number of addresses held (stale ones included until evicted). */
  get count(): number {
    return this.size;
  }

  /** Forget every address. */
  clear(): void {
    this.keys.fill(EMPTY);
    this.size = 0;
  }

  /**
   * Drop stale entries; if the table is still full, keep only the most recent half of the
   * time window, repeatedly (rare: only when the table is full).
   */
  private evict(now: number): void {
    let horizon = now - this.ttl;
    let oldest = Infinity;
    for (let i = 0; i <= this.mask; i++) if (this.keys[i] !== EMPTY && this.seen[i] < oldest) oldest = this.seen[i];
    if (oldest > horizon) horizon = (oldest + now) / 2;
    for (;;) {
      this.rehash(horizon);
      if (this.size < this.limit) return;
      horizon = (horizon + now) / 2;
      if (now - horizon < 1e-6) {
        this.clear();
        return;
      }
    }
  }

  /** Rebuild the table keeping entries seen after `horizon` (through the preallocated spare arrays). */
  private rehash(horizon: number): void {
    this.spareKeys.set(this.keys);
    this.spareSeen.set(this.seen);
    this.keys.fill(EMPTY);
    this.size = 0;
    for (let i = 0; i <= this.mask; i++) {
      const addr = this.spareKeys[i];
      if (addr === EMPTY || this.spareSeen[i] <= horizon) continue;
      const j = this.slotOf(addr);
      this.keys[j] = addr;
      this.seen[j] = this.spareSeen[i];
      this.size++;
    }
  }
}
