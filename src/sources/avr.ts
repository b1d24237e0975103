/**
 * AVR text frames (dump1090/readsb port 30002 and its timestamped variants), one per line:
 *
 *   *<hex>;                      raw frame
 *   :<hex>;                      raw frame (same content, other prefix)
 *   @<12 hex counter><hex>;      with 48-bit 12 MHz counter
 *   %<12 hex counter><hex>;      same layout
 *   <<12 hex counter><2 hex signal><hex>;   counter and signal byte
 *
 * <hex> is 14 or 28 digits (Mode S short/long) or 4 (Mode A/C, counted, not emitted).
 * The closing ';' is tolerated when missing; CR/LF and blank lines are fine.
 */
import { addError, type FrameSink } from './frame-sink.ts';
import { LineParser } from './line-reader.ts';
import { anchoredWindow, arrivalTime, frameTime, type ClockOptions } from './receiver-clock.ts';
import { inWindow, type TimeWindow } from './validate.ts';
import { hexNumber, preview } from './text-scan.ts';
import { hexTextToBytes } from '../modes/hex.ts';

const STAR = 0x2a;
const COLON = 0x3a;
const AT = 0x40;
const PERCENT = 0x25;
const LT = 0x3c;
const SEMI = 0x3b;
/** Hex digits of the 48-bit 12 MHz counter in an `@`, `%` or `<` line (sim/write.ts writes them). */
export const AVR_COUNTER_DIGITS = 12;
const SIGNAL_DIGITS = 2;
const MAX_LINE = 128;

export interface AvrOptions extends ClockOptions {
  receiver?: string;
}

export class AvrParser extends LineParser {
  frames = 0;
  modeAC = 0;
  private readonly message = new Uint8Array(14);
  private readonly receiver: string;
  private readonly window: TimeWindow | null;

  constructor(
    private readonly sink: FrameSink,
    private readonly opts: AvrOptions = {},
  ) {
    super('avr', MAX_LINE);
    this.receiver = opts.receiver ?? '';
    this.window = anchoredWindow(opts);
  }

  protected line(buf: Uint8Array, start: number, end: number, lineNo: number): void {
    if (start === end) return;
    const to = buf[end - 1] === SEMI ? end - 1 : end;
    const prefix = buf[start];
    let from = start + 1;
    let counter = NaN;
    let signal = NaN;
    if (prefix === AT || prefix === PERCENT || prefix === LT) {
      from += AVR_COUNTER_DIGITS + (prefix === LT ? SIGNAL_DIGITS : 0);
      if (to < from) return this.bad(buf, start, end, lineNo);
      counter = hexNumber(buf, start + 1, start + 1 + AVR_COUNTER_DIGITS);
      if (prefix === LT) signal = hexNumber(buf, start + 1 + AVR_COUNTER_DIGITS, from);
      if (Number.isNaN(counter) || (prefix === LT && Number.isNaN(signal))) return this.bad(buf, start, end, lineNo);
    } else if (prefix !== STAR && prefix !== COLON) {
      return this.bad(buf, start, end, lineNo);
    }
    const n = hexTextToBytes(buf, from, to, this.message);
    if (n === 2) this.modeAC++;
    else if (n === 7 || n === 14) {
      const t = Number.isNaN(counter) ? arrivalTime(this.opts) : frameTime(counter, this.opts);
      if (this.window !== null && !Number.isNaN(counter) && !inWindow(t, this.window)) {
        addError(this.errors, 'bad_time', () => `avr: line ${lineNo}: counter ${counter} after --start is time ${t}, outside the accepted window; skipped`);
        return;
      }
      this.frames++;
      this.sink(this.message, n, t, signal, this.receiver);
    } else this.bad(buf, start, end, lineNo);
  }

  private bad(buf: Uint8Array, start: number, end: number, lineNo: number): void {
    addError(this.errors, 'bad_line', () => `avr: line ${lineNo} is not an AVR frame: ${preview(buf.subarray(start, end), end - start)}`);
  }
}
