import { addError, newSourceErrors, type ChunkParser, type SourceErrors } from './frame-sink.ts';

/**
 * Splits a byte stream into lines for the text formats (AVR, CSV, hex, JSON stream).
 * LF or CRLF endings; the line is handed over in a reused buffer without its terminator, trimmed
 * of surrounding spaces and tabs. Lines longer than `maxLength` are reported once and skipped.
 */
export type LineHandler = (line: Uint8Array, len: number, lineNo: number) => void;
export type LongLineHandler = (lineNo: number) => void;

const LF = 0x0a;

export class LineReader {
  private buf: Uint8Array;
  private len = 0;
  private lineNo = 1;
  private tooLong = false;

  constructor(
    private readonly onLine: LineHandler,
    private readonly onTooLong: LongLineHandler,
    private readonly maxLength: number,
  ) {
    this.buf = new Uint8Array(Math.min(maxLength, 1024));
  }

  push(chunk: Uint8Array): void {
    const n = chunk.length;
    let from = 0;
    while (from < n) {
      let nl = chunk.indexOf(LF, from);
      if (nl < 0) nl = n;
      this.append(chunk, from, nl);
      if (nl < n) this.flush();
      from = nl + 1;
    }
  }

  end(): void {
    if (this.len > 0 || this.tooLong) this.flush();
  }

  private append(chunk: Uint8Array, from: number, to: number): void {
    if (this.tooLong) return;
    const add = to - from;
    if (this.len + add > this.maxLength) {
      this.tooLong = true;
      this.onTooLong(this.lineNo);
      return;
    }
    if (this.len + add > this.buf.length) {
      const grown = new Uint8Array(Math.min(this.maxLength, Math.max(this.buf.length * 2, this.len + add)));
      grown.set(this.buf.subarray(0, this.len));
      this.buf = grown;
    }
    // A plain copy loop: subarray() would allocate a view per line.
    const buf = this.buf;
    let j = this.len;
    for (let i = from; i < to; i++) buf[j++] = chunk[i];
    this.len = j;
  }

  private flush(): void {
    if (!this.tooLong) {
      const buf = this.buf;
      let start = 0;
      let end = this.len;
      while (end > start && isSpace(buf[end - 1])) end--;
      while (start < end && isSpace(buf[start])) start++;
      if (start > 0) buf.copyWithin(0, start, end);
      this.onLine(buf, end - start, this.lineNo);
    }
    this.len = 0;
    this.tooLong = false;
    this.lineNo++;
  }
}

function isSpace(b: number): boolean {
  return b === 0x20 || b === 0x09 || b === 0x0d;
}

/** A text-format parser: lines in, one `line()` call each; over-long lines counted as errors. */
export abstract class LineParser implements ChunkParser {
  readonly errors: SourceErrors = newSourceErrors();
  private readonly lines: LineReader;

  constructor(label: string, maxLine: number) {
    this.lines = new LineReader(
      (line, len, lineNo) => this.line(line, len, lineNo),
      (lineNo) => addError(this.errors, 'too_long', () => `${label}: line ${lineNo} is longer than ${maxLine} bytes, skipped`),
      maxLine,
    );
  }

  push(chunk: Uint8Array): void {
    this.lines.push(chunk);
  }

  end(): void {
    this.lines.end();
  }

  protected abstract line(line: Uint8Array, len: number, lineNo: number): void;
}
