import { addError, newSourceErrors, type ChunkParser, type SourceErrors } from './frame-sink.ts';

const LF = 0x0a;

function isSpace(b: number): boolean {
  return b === 0x20 || b === 0x09 || b === 0x0d;
}

/**
 * A text-format parser (AVR, CSV, hex, JSON stream): splits the byte stream into lines and makes
 * one `line()` call each. LF or CRLF endings; a line is handed over as buf[start, end), without
 * its terminator and trimmed of surrounding spaces and tabs. Lines longer than `maxLine` bytes
 * are counted as errors once and skipped.
 *
 * A line lying wholly inside a chunk is passed as a span of the chunk itself; only a line split
 * across chunks is copied, into a reused carry buffer. Either way `buf` is valid only during the call.
 */
export abstract class LineParser implements ChunkParser {
  readonly errors: SourceErrors = newSourceErrors();
  private carry: Uint8Array;
  private carryLen = 0;
  private tooLong = false;
  private lineNo = 1;

  constructor(
    private readonly label: string,
    private readonly maxLine: number,
  ) {
    this.carry = new Uint8Array(Math.min(maxLine, 1024));
  }

  push(chunk: Uint8Array): void {
    const n = chunk.length;
    const words = wordsOf(chunk);
    const skew = chunk.byteOffset & 3;
    for (let from = 0; from < n; ) {
      const nl = findLF(chunk, words, skew, from, n);
      if (nl === n || this.carryLen > 0 || this.tooLong) this.carryOver(chunk, from, nl);
      else {
        if (nl - from > this.maxLine) this.reportTooLong();
        else this.trimmed(chunk, from, nl, this.lineNo);
        this.lineNo++;
      }
      from = nl + 1;
    }
  }

  end(): void {
    if (this.carryLen > 0 || this.tooLong) this.flushCarry();
  }

  /** One line, trimmed: buf[start, end) is valid only during the call. */
  protected abstract line(buf: Uint8Array, start: number, end: number, lineNo: number): void;

  private trimmed(buf: Uint8Array, start: number, end: number, lineNo: number): void {
    while (end > start && isSpace(buf[end - 1])) end--;
    while (start < end && isSpace(buf[start])) start++;
    this.line(buf, start, end, lineNo);
  }

  /** Keep chunk[from, to), counting the line as too long once it outgrows maxLine. */
  private append(chunk: Uint8Array, from: number, to: number): void {
    if (this.tooLong) return;
    const len = this.carryLen + to - from;
    if (len > this.maxLine) {
      this.tooLong = true;
      this.reportTooLong();
      return;
    }
    if (len > this.carry.length) {
      const grown = new Uint8Array(Math.min(this.maxLine, Math.max(this.carry.length * 2, len)));
      grown.set(this.carry.subarray(0, this.carryLen));
      this.carry = grown;
    }
    this.carry.set(chunk.subarray(from, to), this.carryLen);
    this.carryLen = len;
  }

  /** chunk[from, nl) is part of a line split across chunks: keep it, and hand the line over once its LF (at nl) arrived. */
  private carryOver(chunk: Uint8Array, from: number, nl: number): void {
    this.append(chunk, from, nl);
    if (nl < chunk.length) this.flushCarry();
  }

  private flushCarry(): void {
    if (!this.tooLong) this.trimmed(this.carry, 0, this.carryLen, this.lineNo);
    this.carryLen = 0;
    this.tooLong = false;
    this.lineNo++;
  }

  private reportTooLong(): void {
    const { label, maxLine, lineNo } = this;
    addError(this.errors, 'too_long', () => `${label}: line ${lineNo} is longer than ${maxLine} bytes, skipped`);
  }
}

/** Index of the first `byte` in buf[from, to), else `to`: bounded, as a line may be a span of a larger chunk. */
export function findByte(buf: Uint8Array, byte: number, from: number, to: number): number {
  while (from < to && buf[from] !== byte) from++;
  return from;
}

/** The aligned 32-bit words covering `chunk` (the first starts `chunk.byteOffset & 3` bytes before it). */
function wordsOf(chunk: Uint8Array): Uint32Array {
  const skew = chunk.byteOffset & 3;
  return new Uint32Array(chunk.buffer, chunk.byteOffset - skew, (chunk.length + skew) >> 2);
}

/**
 * findByte for LF, four bytes at a time: the line scan is most of the cost of a short line, and a
 * byte loop or indexOf is 2-3 times slower. `words` = wordsOf(buf), `skew` = buf.byteOffset & 3.
 */
function findLF(buf: Uint8Array, words: Uint32Array, skew: number, from: number, to: number): number {
  while (from < to && ((from + skew) & 3) !== 0) {
    if (buf[from] === LF) return from;
    from++;
  }
  const last = (to + skew) >> 2;
  // Where the byte scan resumes after the words: computed before the word loop, not after it,
  // because after it runs once per chunk, too rarely for type feedback, and deoptimised the scan.
  const tail = (last << 2) - skew;
  const rest = from > tail ? from : tail;
  for (let w = (from + skew) >> 2; w < last; w++) {
    // Nonzero iff some byte of the word is LF (x has a zero byte): Mycroft's test, endian-neutral as used here.
    const x = words[w] ^ 0x0a0a0a0a;
    if (((x - 0x01010101) & ~x & 0x80808080) !== 0) return findByte(buf, LF, (w << 2) - skew, to);
  }
  return findByte(buf, LF, rest, to);
}
