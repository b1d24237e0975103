/**
 * `timestamp,hex` CSV, one frame per line (rs1090 / traffic sample files):
 *
 *   1753827785.8086092,8DADA5265851E6616376C2EB4463
 *
 * timestamp: unix seconds (decimal); hex: 14 or 28 digits. Fields may be quoted, extra columns are
 * ignored. An optional header on the first line names the columns (timestamp|time|ts|t and
 * hex|raw|rawmsg|msg|message|frame, any order); without one, columns 0 and 1 are used.
 */
import { addError, type FrameSink } from './frame-sink.ts';
import { findByte, LineParser } from './line-reader.ts';
import { decimalNumber, preview } from './text-scan.ts';
import { hexTextToBytes } from '../modes/hex.ts';
import { defaultTimeWindow, inWindow, timeProblem, type TimeWindow } from './validate.ts';

const COMMA = 0x2c;
const QUOTE = 0x22;
const MAX_LINE = 4096;
const TIME_NAMES = new Set(['timestamp', 'time', 'ts', 't']);
const HEX_NAMES = new Set(['hex', 'raw', 'rawmsg', 'msg', 'message', 'frame']);

export interface CsvOptions {
  receiver?: string;
  /** Accepted timestamps (default: validate.ts defaultTimeWindow()). */
  window?: TimeWindow;
}

export class CsvParser extends LineParser {
  frames = 0;
  private readonly message = new Uint8Array(14);
  private readonly receiver: string;
  private readonly window: TimeWindow;
  private timeColumn = 0;
  private hexColumn = 1;
  private seenFirst = false;
  // Bounds of the last field found by field(): reused instead of returning a tuple.
  private fieldFrom = 0;
  private fieldTo = 0;

  constructor(
    private readonly sink: FrameSink,
    opts: CsvOptions = {},
  ) {
    super('csv', MAX_LINE);
    this.receiver = opts.receiver ?? '';
    this.window = opts.window ?? defaultTimeWindow();
  }

  protected line(buf: Uint8Array, start: number, end: number, lineNo: number): void {
    if (start === end) return;
    const first = !this.seenFirst;
    this.seenFirst = true;
    const t = this.field(buf, start, end, this.timeColumn) ? decimalNumber(buf, this.fieldFrom, this.fieldTo) : NaN;
    const n = this.field(buf, start, end, this.hexColumn) ? hexTextToBytes(buf, this.fieldFrom, this.fieldTo, this.message) : -1;
    if (n === 7 || n === 14) {
      if (!inWindow(t, this.window)) return this.bad(buf, start, end, lineNo, 'bad_time', t);
      this.frames++;
      this.sink(this.message, n, t, NaN, this.receiver);
    } else if (first && this.header(buf, start, end)) {
      return;
    } else this.bad(buf, start, end, lineNo, 'bad_line');
  }

  /** Find column `index` of buf[start, end), unquoted; false when the line has fewer columns. */
  private field(buf: Uint8Array, start: number, end: number, index: number): boolean {
    let from = start;
    for (let c = 0; c < index; c++) {
      from = findByte(buf, COMMA, from, end);
      if (from === end) return false;
      from++;
    }
    let to = findByte(buf, COMMA, from, end);
    while (from < to && buf[from] === 0x20) from++;
    while (to > from && buf[to - 1] === 0x20) to--;
    if (to - from >= 2 && buf[from] === QUOTE && buf[to - 1] === QUOTE) {
      from++;
      to--;
    }
    this.fieldFrom = from;
    this.fieldTo = to;
    return true;
  }

  /** Read column names from a header line; false when it does not look like one. */
  private header(buf: Uint8Array, start: number, end: number): boolean {
    const names = new TextDecoder().decode(buf.subarray(start, end)).split(',').map((s) => s.trim().replace(/^"|"$/g, '').toLowerCase());
    const time = names.findIndex((s) => TIME_NAMES.has(s));
    const hex = names.findIndex((s) => HEX_NAMES.has(s));
    if (hex < 0) return false;
    this.hexColumn = hex;
    this.timeColumn = time >= 0 ? time : hex === 0 ? 1 : 0;
    return true;
  }

  private bad(buf: Uint8Array, start: number, end: number, lineNo: number, kind: string, t = NaN): void {
    addError(this.errors, kind, () => {
      const why = kind !== 'bad_time' ? 'is not `timestamp,hex`' : Number.isNaN(t) ? 'has no timestamp in unix seconds' : `has a ${timeProblem(t, this.window)}`;
      return `csv: line ${lineNo} ${why}: ${preview(buf.subarray(start, end), end - start, 60)}`;
    });
  }
}
