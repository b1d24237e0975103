/**
 * Reading Beast binary (the format: beast-format.ts). A single 0x1a followed by a non-0x1a byte
 * always starts a new frame, which is how we resynchronise after garbage. Mode A/C frames are
 * counted, other blocks (status, receiver id) skipped.
 *
 * Byte-at-a-time state machine, so frames may be split anywhere across chunks; nothing is
 * allocated per frame.
 */
import {
  BEAST_ESC as ESC,
  BEAST_HEADER as HEADER,
  BEAST_MODE_AC as TYPE_MODE_AC,
  BEAST_MODE_S_LONG as TYPE_LONG,
  BEAST_MODE_S_SHORT as TYPE_SHORT,
  BEAST_OTHER_TYPES,
  BEAST_TIMESTAMP_BYTES,
} from './beast-format.ts';
import { addError, newSourceErrors, type ChunkParser, type FrameSink, type SourceErrors } from './frame-sink.ts';
import { anchoredWindow, counterOf, frameTime, type ClockOptions } from './receiver-clock.ts';
import { inWindow, type TimeWindow } from './validate.ts';

/** Known non-Mode-S blocks: skipped silently, not errors. */
const SKIPPED_TYPES = new Set(BEAST_OTHER_TYPES);

const enum State {
  Sync, // outside a frame, waiting for 0x1a
  Type, // saw 0x1a, next byte is the type
  Body, // collecting timestamp, signal, message
  BodyEsc, // inside a body, saw 0x1a: next is either an escaped 0x1a or a new frame's type
  Skip, // inside an unknown block, waiting for the next frame start
  SkipEsc,
}

export interface BeastOptions extends ClockOptions {
  receiver?: string;
}

export class BeastParser implements ChunkParser {
  frames = 0;
  modeAC = 0;
  skipped = 0;
  readonly errors: SourceErrors = newSourceErrors();

  private state = State.Sync;
  private readonly body = new Uint8Array(HEADER + 14);
  private readonly message = this.body.subarray(HEADER);
  private need = 0; // body bytes expected for the current type
  private have = 0;
  private type = 0;
  private offset = 0; // bytes consumed so far, for error messages
  private frameStart = 0;
  private inGarbage = false;
  private readonly receiver: string;
  private readonly window: TimeWindow | null;

  constructor(
    private readonly sink: FrameSink,
    private readonly opts: BeastOptions = {},
  ) {
    this.receiver = opts.receiver ?? '';
    this.window = anchoredWindow(opts);
  }

  push(chunk: Uint8Array): void {
    const n = chunk.length;
    for (let i = 0; i < n; i++) this.byte(chunk[i]);
  }

  end(): void {
    if (this.state === State.Body || this.state === State.BodyEsc || this.state === State.Type) {
      this.truncated('input ended');
    }
    this.state = State.Sync;
    this.inGarbage = false;
  }

  private byte(b: number): void {
    switch (this.state) {
      case State.Sync:
        if (b === ESC) {
          this.state = State.Type;
          this.frameStart = this.offset;
        } else if (!this.inGarbage) {
          this.inGarbage = true; // one error per run of garbage, not per byte
          const at = this.offset;
          addError(this.errors, 'garbage', () => `beast: unexpected byte 0x${hex2(b)} at offset ${at}, resynchronising`);
        }
        break;
      case State.Type:
        this.startFrame(b);
        break;
      case State.Body:
        if (b === ESC) this.state = State.BodyEsc;
        else this.store(b);
        break;
      case State.BodyEsc:
        if (b === ESC) {
          this.state = State.Body;
          this.store(ESC);
        } else {
          // An unescaped 0x1a: the frame was cut short and a new one starts here.
          this.truncated('a new frame started inside it');
          this.frameStart = this.offset - 1;
          this.startFrame(b);
        }
        break;
      case State.Skip:
        if (b === ESC) this.state = State.SkipEsc;
        break;
      case State.SkipEsc:
        if (b === ESC) this.state = State.Skip;
        else {
          this.frameStart = this.offset - 1;
          this.startFrame(b);
        }
        break;
    }
    this.offset++;
  }

  private startFrame(type: number): void {
    this.inGarbage = false;
    this.type = type;
    this.have = 0;
    if (type === TYPE_SHORT) this.need = HEADER + 7;
    else if (type === TYPE_LONG) this.need = HEADER + 14;
    else if (type === TYPE_MODE_AC) this.need = HEADER + 2;
    else if (type === ESC) {
      // 0x1a 0x1a outside a frame: keep waiting for a type byte.
      this.state = State.Type;
      return;
    } else {
      if (SKIPPED_TYPES.has(type)) this.skipped++;
      else {
        const at = this.frameStart;
        addError(this.errors, 'bad_type', () => `beast: unknown frame type 0x${hex2(type)} at offset ${at}, skipped`);
      }
      this.state = State.Skip;
      return;
    }
    this.state = State.Body;
  }

  private store(b: number): void {
    this.body[this.have++] = b;
    if (this.have === this.need) {
      this.state = State.Sync;
      this.emit();
    }
  }

  private emit(): void {
    if (this.type === TYPE_MODE_AC) {
      this.modeAC++;
      return;
    }
    const body = this.body;
    const counter = counterOf(body);
    const t = frameTime(counter, this.opts);
    if (this.window !== null && !inWindow(t, this.window)) {
      const at = this.frameStart;
      addError(this.errors, 'bad_time', () => `beast: frame at offset ${at}: counter ${counter} after --start is time ${t}, outside the accepted window; skipped`);
      return;
    }
    this.frames++;
    this.sink(this.message, this.need - HEADER, t, body[BEAST_TIMESTAMP_BYTES], this.receiver);
  }

  private truncated(why: string): void {
    const at = this.frameStart;
    const have = this.have;
    addError(this.errors, 'truncated', () => `beast: frame at offset ${at} truncated after ${have} bytes (${why})`);
    this.have = 0;
  }
}

function hex2(b: number): string {
  return b.toString(16).padStart(2, '0');
}
