/** Records packed for the trip from a reading thread come back as they went in, in order. */
import { describe, expect, it } from 'vitest';
import type { Fix } from '../../src/contracts.ts';
import { BatchWriter, replayBatch, type RecordBatch } from '../../src/ingest/record-batch.ts';

const full: Fix = {
  t: 1738663200.25,
  icao: 'abc123',
  lat: -33.5,
  lon: 151.25,
  alt_baro: 36000,
  alt_geom: -0,
  ground: false,
  nic: 8,
  rc: NaN,
  nac_p: 9,
  sil: 3,
  version: 2,
  source: 'trace',
  callsign: 'QFA1',
  groundspeed: 450.5,
  track: 359.9,
  vertical_rate: -64,
  receiver: 'day/traces/23/trace_full_abc123.json',
  category: 'A5',
  tas: 470,
  ias: 280,
  mach: 0.78,
  mag_heading: 12.5,
};
const bare: Fix = { t: 1738663201, icao: 'def456', lat: 1, lon: 2, ground: true, nic: NaN, rc: NaN, version: -1, source: 'adsb' };

function roundTrip(size: number, feed: (w: BatchWriter) => void): { batches: RecordBatch[]; fixes: Fix[]; frames: [number[], number, number, number, string][] } {
  const batches: RecordBatch[] = [];
  const w = new BatchWriter(size, (b) => batches.push(b));
  feed(w);
  w.flush();
  const fixes: Fix[] = [];
  const frames: [number[], number, number, number, string][] = [];
  for (const b of batches) replayBatch(b, { fix: (f) => fixes.push(f), frame: (bytes, len, t, signal, receiver) => frames.push([[...bytes.subarray(0, len)], len, t, signal, receiver]) });
  return { batches, fixes, frames };
}

describe('record batches', () => {
  it('every field of a fix, and the absence of each, survive', () => {
    const { fixes } = roundTrip(4, (w) => {
      for (let i = 0; i < 5; i++) w.fix(i % 2 ? bare : full);
    });
    expect(fixes).toHaveLength(5);
    for (const [i, f] of fixes.entries()) expect(f).toStrictEqual(i % 2 ? bare : full);
    expect(Object.is(fixes[0].alt_geom, -0)).toBe(true);
  });

  it('frames and fixes keep their order across batches of one kind', () => {
    const a = Uint8Array.from([0x8d, 0xab, 0xc1, 0x23, 0x58, 0x99, 0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0xff]);
    const { batches, fixes, frames } = roundTrip(3, (w) => {
      w.frame(a, 14, 10, -3.5, 'north');
      w.frame(a, 7, NaN, NaN, 'south');
      w.fix(full);
      w.frame(a, 14, 11, 0, 'north');
    });
    expect(batches.map((b) => b.kind)).toEqual(['frames', 'fixes', 'frames']);
    expect(fixes).toStrictEqual([full]);
    expect(frames).toStrictEqual([
      [[...a.subarray(0, 14)], 14, 10, -3.5, 'north'],
      [[...a.subarray(0, 7)], 7, NaN, NaN, 'south'],
      [[...a.subarray(0, 14)], 14, 11, 0, 'north'],
    ]);
  });
});
