/**
 * Frames and fixes packed into a few typed arrays, to cross from a reading worker thread to the
 * main thread (README "Storage", both cores): transferring one buffer costs nothing per record,
 * where structured cloning a Fix object per point would cost about what parsing it did. Replayed
 * on the other side in the order they were read, each fix with exactly the fields it had.
 */
import type { Fix, SourceName } from '../contracts.ts';
import type { FixSink, FrameSink } from '../sources/frame-sink.ts';

/** Fix's optional numbers, each stored as a number with a presence bit. */
const OPTIONAL_NUMBERS = ['alt_baro', 'alt_geom', 'nac_p', 'sil', 'groundspeed', 'track', 'vertical_rate', 'tas', 'ias', 'mach', 'mag_heading'] as const;
/** Fix's numbers always present (replayBatch reads them in this order). */
const NUMBERS = ['t', 'lat', 'lon', 'nic', 'rc', 'version'] as const;
/** Fix's optional strings, stored as an index into the batch's string table (−1 absent). */
const OPTIONAL_STRINGS = ['callsign', 'receiver', 'category'] as const;

// Every field of Fix is packed: a field added to Fix and not here fails to compile.
type Packed = (typeof OPTIONAL_NUMBERS)[number] | (typeof NUMBERS)[number] | (typeof OPTIONAL_STRINGS)[number] | 'icao' | 'source' | 'ground';
const everyFieldPacked: Record<Exclude<keyof Fix, Packed>, never> = {};
void everyFieldPacked;

const NUMS = NUMBERS.length + OPTIONAL_NUMBERS.length;
const STRS = 2 + OPTIONAL_STRINGS.length; // icao, source, then the optional ones
const GROUND_BIT = 1 << OPTIONAL_NUMBERS.length;
const FRAME_BYTES = 14;

/** One batch: only fixes or only frames, in reading order. */
export interface RecordBatch {
  kind: 'fixes' | 'frames';
  n: number;
  /** Fixes: NUMS per fix. Frames: t, signal per frame. */
  numbers: Float64Array;
  /** Fixes: presence bits of the optional numbers, and ground. Frames: length. */
  bits: Uint32Array;
  /** Fixes: STRS string indices per fix. Frames: receiver's index. */
  strings: Int32Array;
  table: string[];
  /** Frames: FRAME_BYTES per frame. */
  bytes: Uint8Array;
}

/** The buffers a batch's postMessage transfers. */
export function batchTransfer(b: RecordBatch): ArrayBuffer[] {
  return [b.numbers.buffer as ArrayBuffer, b.bits.buffer as ArrayBuffer, b.strings.buffer as ArrayBuffer, b.bytes.buffer as ArrayBuffer];
}

/** Packs the frames and fixes a source emits; `onBatch` gets each batch once full (or on flush). */
export class BatchWriter {
  private kind: RecordBatch['kind'] = 'fixes';
  private n = 0;
  // Allocated by the first record of a batch: a reader's last flush leaves none behind unused.
  private numbers = new Float64Array(0);
  private bits = new Uint32Array(0);
  private strings = new Int32Array(0);
  private bytes = new Uint8Array(0);
  private table: string[] = [];
  private index = new Map<string, number>();

  constructor(
    private readonly size: number,
    private readonly onBatch: (b: RecordBatch) => void,
  ) {}

  readonly fix: FixSink = (f) => {
    this.begin('fixes');
    const i = this.n++;
    const num = this.numbers;
    let o = i * NUMS;
    for (const k of NUMBERS) num[o++] = f[k];
    let bits = f.ground ? GROUND_BIT : 0;
    for (let j = 0; j < OPTIONAL_NUMBERS.length; j++) {
      const v = f[OPTIONAL_NUMBERS[j]];
      if (v !== undefined) {
        bits |= 1 << j;
        num[o] = v;
      }
      o++;
    }
    this.bits[i] = bits;
    let s = i * STRS;
    this.strings[s++] = this.intern(f.icao);
    this.strings[s++] = this.intern(f.source);
    for (const k of OPTIONAL_STRINGS) {
      const v = f[k];
      this.strings[s++] = v === undefined ? -1 : this.intern(v);
    }
    if (this.n === this.size) this.flush();
  };

  readonly frame: FrameSink = (bytes, len, t, signal, receiver) => {
    this.begin('frames');
    const i = this.n++;
    this.numbers[2 * i] = t;
    this.numbers[2 * i + 1] = signal;
    this.bits[i] = len;
    this.strings[i] = this.intern(receiver);
    this.bytes.set(bytes.subarray(0, Math.min(len, FRAME_BYTES)), i * FRAME_BYTES);
    if (this.n === this.size) this.flush();
  };

  /** Hand over what is packed so far (nothing when empty). */
  flush(): void {
    if (this.n === 0) return;
    const b: RecordBatch = { kind: this.kind, n: this.n, numbers: this.numbers, bits: this.bits, strings: this.strings, table: this.table, bytes: this.bytes };
    this.n = 0;
    this.onBatch(b);
  }

  /** Before a record of `kind`: a batch holds one kind only, and a new batch gets its own arrays. */
  private begin(kind: RecordBatch['kind']): void {
    if (kind !== this.kind) this.flush();
    if (this.n > 0) return;
    const fixes = kind === 'fixes';
    this.kind = kind;
    this.numbers = new Float64Array(this.size * (fixes ? NUMS : 2));
    this.bits = new Uint32Array(this.size);
    this.strings = new Int32Array(this.size * (fixes ? STRS : 1));
    this.bytes = new Uint8Array(fixes ? 0 : this.size * FRAME_BYTES);
    this.table = [];
    this.index = new Map();
  }

  private intern(s: string): number {
    let i = this.index.get(s);
    if (i === undefined) this.index.set(s, (i = this.table.push(s) - 1));
    return i;
  }
}

/** Emit a batch's records into the sinks, in order, each fix a new object with the fields it was packed with. */
export function replayBatch(b: RecordBatch, sinks: { frame: FrameSink; fix: FixSink }): void {
  if (b.kind === 'frames') {
    const frame = new Uint8Array(FRAME_BYTES);
    for (let i = 0; i < b.n; i++) {
      frame.set(b.bytes.subarray(i * FRAME_BYTES, (i + 1) * FRAME_BYTES));
      sinks.frame(frame, b.bits[i], b.numbers[2 * i], b.numbers[2 * i + 1], b.table[b.strings[i]]);
    }
    return;
  }
  const num = b.numbers;
  const str = b.strings;
  const table = b.table;
  for (let i = 0; i < b.n; i++) {
    const o = i * NUMS;
    const s = i * STRS;
    const bits = b.bits[i];
    const f: Fix = {
      t: num[o],
      icao: table[str[s]],
      lat: num[o + 1],
      lon: num[o + 2],
      ground: (bits & GROUND_BIT) !== 0,
      nic: num[o + 3],
      rc: num[o + 4],
      version: num[o + 5],
      source: table[str[s + 1]] as SourceName,
    };
    for (let j = 0; j < OPTIONAL_NUMBERS.length; j++) if (bits & (1 << j)) f[OPTIONAL_NUMBERS[j]] = num[o + NUMBERS.length + j];
    for (let j = 0; j < OPTIONAL_STRINGS.length; j++) {
      const k = str[s + 2 + j];
      if (k >= 0) f[OPTIONAL_STRINGS[j]] = table[k];
    }
    sinks.fix(f);
  }
}
