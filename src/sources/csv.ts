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
import { LineParser } from './line-reader.ts';
import { decimalNumber, preview } from './text-scan.ts';
import { hexTextToBytes } from '../modes/hex.ts';

const COMMA = 0x2c;
const QUOTE = 0x22;
const MAX_LINE = 4096;
const TIME_NAMES = new Set(['timestamp', 'time', 'ts', 't']);
const HEX_NAMES = new Set(['hex', 'raw', 'rawmsg', 'msg', 'message', 'frame']);

export interface CsvOptions {
  receiver?: string;
}

export class CsvParser extends LineParser {
  frames = 0;
  private readonly message = new Uint8Array(14);
  private readonly receiver: string;
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
  }

  protected line(line: Uint8Array, len: number, lineNo: number): void {
    if (len === 0) return;
    const first = !this.seenFirst;
    this.seenFirst = true;
    const t = this.field(line, len, this.timeColumn) ? decimalNumber(line, this.fieldFrom, this.fieldTo) : NaN;
    const n = this.field(line, len, this.hexColumn) ? hexTextToBytes(line, this.fieldFrom, this.fieldTo, this.message) : -1;
    if (n === 7 || n === 14) {
      if (Number.isNaN(t)) return this.bad(line, len, lineNo, 'bad_time');
      this.frames++;
      this.sink(this.message, n, t, NaN, this.receiver);
    } else if (first && this.header(line, len)) {
      return;
    } else this.bad(line, len, lineNo, 'bad_line');
  }

  /** Find column `index`, unquoted; false when the line has fewer columns. */
  private field(line: Uint8Array, len: number, index: number): boolean {
    let from = 0;
    for (let c = 0; c < index; c++) {
      const comma = line.indexOf(COMMA, from);
      if (comma < 0 || comma >= len) return false;
      from = comma + 1;
    }
    let to = line.indexOf(COMMA, from);
    if (to < 0 || to > len) to = len;
    while (from < to && line[from] === 0x20) from++;
    while (to > from && line[to - 1] === 0x20) to--;
    if (to - from >= 2 && line[from] === QUOTE && line[to - 1] === QUOTE) {
      from++;
      to--;
    }
    this.fieldFrom = from;
    this.fieldTo = to;
    return true;
  }

  /** Read column names from a header line; false when it does not look like one. */
  private header(line: Uint8Array, len: number): boolean {
    const names = new TextDecoder().decode(line.subarray(0, len)).split(',').map((s) => s.trim().replace(/^"|"$/g, '').toLowerCase());
    const time = names.findIndex((s) => TIME_NAMES.has(s));
    const hex = names.findIndex((s) => HEX_NAMES.has(s));
    if (hex < 0) return false;
    this.hexColumn = hex;
    this.timeColumn = time >= 0 ? time : hex === 0 ? 1 : 0;
    return true;
  }

  private bad(line: Uint8Array, len: number, lineNo: number, kind: string): void {
    const why = kind === 'bad_time' ? 'has no valid timestamp' : 'is not `timestamp,hex`';
    addError(this.errors, kind, () => `csv: line ${lineNo} ${why}: ${preview(line, len, 60)}`);
  }
}
