import { describe, expect, it } from 'vitest';
import { LineParser } from '../../src/sources/line-reader.ts';

/** Records every line handed over, as text with its line number. */
class Lines extends LineParser {
  got: string[] = [];

  constructor(maxLine: number) {
    super('test', maxLine);
  }

  protected line(buf: Uint8Array, start: number, end: number, lineNo: number): void {
    this.got.push(`${lineNo}:${Buffer.from(buf.subarray(start, end)).toString('latin1')}`);
  }
}

/**
 * What the reader must produce, by string operations instead of byte scanning: split on LF
 * (a final LF ends the last line rather than starting an empty one), skip lines whose raw length
 * (CR and blanks included) exceeds maxLine, trim spaces, tabs and CR from both ends.
 */
function expected(text: string, maxLine: number): { lines: string[]; tooLong: number[] } {
  const raw = text.split('\n');
  if (text.endsWith('\n')) raw.pop();
  const lines: string[] = [];
  const tooLong: number[] = [];
  raw.forEach((l, i) => {
    if (l.length > maxLine) tooLong.push(i + 1);
    else lines.push(`${i + 1}:${l.replace(/^[ \t\r]+|[ \t\r]+$/g, '')}`);
  });
  return { lines, tooLong };
}

/** `bytes` in a fresh buffer starting `skew` bytes into it: the reader's word scan must not care about alignment. */
function at(bytes: Uint8Array, skew: number): Uint8Array {
  const host = new Uint8Array(bytes.length + skew);
  host.set(bytes, skew);
  return host.subarray(skew);
}

function run(chunks: Uint8Array[], maxLine: number): Lines {
  const p = new Lines(maxLine);
  for (const c of chunks) p.push(c);
  p.end();
  return p;
}

const MAX = 24;
// CRLF, blank lines, surrounding blanks, a line of exactly MAX bytes, two over-long ones, no final LF.
const TEXT = [
  '*8d4840d6202cc371c32ce0576098;\r',
  '',
  '  \t  ',
  ' hello\tworld ',
  'x'.repeat(MAX),
  'y'.repeat(MAX + 1),
  'a,b,c\r',
  'z'.repeat(3 * MAX),
  'last',
].join('\n');

describe('LineParser', () => {
  it('splits, trims and numbers lines, skipping over-long ones, the same for every two-cut split and alignment', () => {
    const want = expected(TEXT, MAX);
    expect(want.tooLong).toEqual([1, 6, 8]); // the 30-byte first line too; else the cases below prove less
    const bytes = Buffer.from(TEXT, 'latin1');
    for (let a = 0; a <= bytes.length; a++) {
      for (let b = a; b <= bytes.length; b += 3) {
        const skew = (a + b) & 3;
        const p = run([at(bytes.subarray(0, a), skew), at(bytes.subarray(a, b), (skew + 1) & 3), at(bytes.subarray(b), (skew + 2) & 3)], MAX);
        const got = { lines: p.got, tooLong: p.errors.samples.map((s) => Number(s.match(/line (\d+)/)?.[1])) };
        if (JSON.stringify(got) !== JSON.stringify(want)) throw new Error(`differs when cut at ${a} and ${b}: ${JSON.stringify(got)}`);
        expect(p.errors.byKind).toEqual({ too_long: 3 });
      }
    }
  });

  it('reports an over-long line once with a one-line message, however many chunks it spans', () => {
    const p = run(['ok\n', 'q'.repeat(10), 'q'.repeat(10), 'q'.repeat(10), '\nnext\n'].map((s) => Buffer.from(s)), 16);
    expect(p.got).toEqual(['1:ok', '3:next']);
    expect(p.errors.samples).toEqual(['test: line 2 is longer than 16 bytes, skipped']);
  });

  it('an over-long last line without LF is reported at end()', () => {
    const p = run([Buffer.from('ok\n' + 'q'.repeat(17))], 16);
    expect(p.got).toEqual(['1:ok']);
    expect(p.errors.count).toBe(1);
  });

  it('carries lines longer than its initial buffer across chunks', () => {
    // 3000-byte lines (the carry buffer starts at 1 KiB and must grow) cut into 700-byte chunks.
    const lines = ['a', 'b', 'c'].map((ch) => ch.repeat(3000));
    const bytes = Buffer.from(lines.join('\n') + '\n');
    const chunks: Uint8Array[] = [];
    for (let i = 0; i < bytes.length; i += 700) chunks.push(bytes.subarray(i, i + 700));
    const p = run(chunks, 4096);
    expect(p.got).toEqual(lines.map((l, i) => `${i + 1}:${l}`));
    expect(p.errors.count).toBe(0);
  });

  it('finds LF at every position of a word', () => {
    // Lines of 0..9 bytes put each LF at every offset within a 32-bit word, for every alignment.
    const lines = Array.from({ length: 10 }, (_, i) => 'k'.repeat(i));
    const text = lines.join('\n') + '\n';
    for (let skew = 0; skew < 4; skew++) {
      expect(run([at(Buffer.from(text), skew)], MAX).got).toEqual(expected(text, MAX).lines);
    }
  });
});
