/**
 * Seeded PRNG (mulberry32, Tommy Ettinger's 32-bit generator): tiny, fast, and the same seed gives
 * the same sequence on every platform, which is what makes simulator output byte-identical.
 */
export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    let z = (this.state = (this.state + 0x6d2b79f5) | 0);
    z = Math.imul(z ^ (z >>> 15), z | 1);
    z ^= z + Math.imul(z ^ (z >>> 7), z | 61);
    return ((z ^ (z >>> 14)) >>> 0) / 4294967296;
  }

  /** Uniform in [a, b). */
  range(a: number, b: number): number {
    return a + (b - a) * this.next();
  }

  /** Integer in [a, b]. */
  int(a: number, b: number): number {
    return a + Math.floor((b - a + 1) * this.next());
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(items.length * this.next())];
  }

  /** Exponential waiting time for a Poisson process of `rate` events per unit time. */
  exponential(rate: number): number {
    return -Math.log(1 - this.next()) / rate;
  }
}
