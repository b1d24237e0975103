/**
 * Bare hex frames, one per line: 14 or 28 hex digits, optionally wrapped as `*…;`.
 * No timestamps (t is the arrival time for live input, else NaN) and no signal level.
 */
import { addError, type FrameSink } from './frame-sink.ts';
import { LineParser } from './line-reader.ts';
import { arrivalTime, type ClockOptions } from './receiver-clock.ts';
import { preview } from './text-scan.ts';
import { hexTextToBytes } from '../modes/hex.ts';

const STAR = 0x2a;
const SEMI = 0x3b;
const MAX_LINE = 128;

export interface HexOptions {
  receiver?: string;
  now?: ClockOptions['now'];
}

export class HexParser extends LineParser {
  frames = 0;
  private readonly message = new Uint8Array(14);
  private readonly receiver: string;

  constructor(
    private readonly sink: FrameSink,
    private readonly opts: HexOptions = {},
  ) {
    super('hex', MAX_LINE);
    this.receiver = opts.receiver ?? '';
  }

  protected line(buf: Uint8Array, start: number, end: number, lineNo: number): void {
    if (start === end) return;
    const from = buf[start] === STAR ? start + 1 : start;
    const to = buf[end - 1] === SEMI ? end - 1 : end;
    const n = hexTextToBytes(buf, from, to, this.message);
    if (n === 7 || n === 14) {
      this.frames++;
      this.sink(this.message, n, arrivalTime(this.opts), NaN, this.receiver);
    } else {
      addError(this.errors, 'bad_line', () => `hex: line ${lineNo} is not a 14 or 28 digit hex frame: ${preview(buf.subarray(start, end), end - start)}`);
    }
  }
}
