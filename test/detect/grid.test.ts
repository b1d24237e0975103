import { describe, it, expect } from 'vitest';
import { latLngToCell } from 'h3-js';
import { IntegrityGrid } from '../../src/detect/grid.ts';
import { cellBucketsFrom } from '../../src/detect/jamming/cell-share.ts';
import type { Fix } from '../../src/contracts.ts';
import type { AircraftBucket } from '../../src/detect/types.ts';

const T0 = 1_700_000_000 - (1_700_000_000 % 3600); // an hour boundary

function fix(icao: string, t: number, lat: number, lon: number, nac_p: number, extra: Partial<Fix> = {}): Fix {
  return { t, icao, lat, lon, alt_baro: 35000, ground: false, nic: 8, rc: 186, nac_p, version: 2, source: 'adsb', ...extra };
}

describe('IntegrityGrid', () => {
  it('counts an aircraft once per cell and bucket, and degraded if degraded at any time there', () => {
    const g = new IntegrityGrid({ res: 4, bucketSeconds: 3600, method: 'nacp' });
    g.fix(fix('aaaaaa', T0 + 10, 52.0, 5.0, 9));
    g.fix(fix('aaaaaa', T0 + 11, 52.0001, 5.0, 9));
    g.fix(fix('bbbbbb', T0 + 12, 52.0, 5.0, 9));
    g.fix(fix('bbbbbb', T0 + 13, 52.0, 5.0, 0));
    g.fix(fix('bbbbbb', T0 + 14, 52.0, 5.0, 1)); // second bad report: degraded
    g.fix(fix('bbbbbb', T0 + 15, 52.0, 5.0, 9)); // back to good: the bucket stays degraded
    g.fix(fix('cccccc', T0 + 16, 52.0, 5.0, 0)); // a single bad report is not enough
    g.fix(fix('dddddd', T0 + 17, 52.0, 5.0, 0, { ground: true })); // ground: ignored
    const ab = g.finish();
    const cell = latLngToCell(52.0, 5.0, 4);
    expect(ab.map((a) => [a.icao, a.cell, a.degraded, a.reason, a.estimated])).toEqual([
      ['aaaaaa', cell, false, '', false],
      ['bbbbbb', cell, true, 'nacp<=2', false],
      ['cccccc', cell, false, '', false],
    ]);
    const [c] = cellBucketsFrom(ab);
    expect([c.healthy, c.degraded, c.share_pct]).toEqual([2, 1, 0]);
  });

  it('splits by bucket and by cell', () => {
    const g = new IntegrityGrid({ res: 4, bucketSeconds: 600, method: 'nacp' });
    g.fix(fix('aaaaaa', T0 + 599, 52.0, 5.0, 9));
    g.fix(fix('aaaaaa', T0 + 600, 52.0, 5.0, 9));
    g.fix(fix('aaaaaa', T0 + 601, 53.0, 5.0, 9)); // ~111 km north: another res-4 cell (edge ~23 km)
    const ab = g.finish();
    const north = latLngToCell(53.0, 5.0, 4);
    const south = latLngToCell(52.0, 5.0, 4);
    expect(north).not.toBe(south);
    expect(ab.map((a) => [a.bucket_start, a.cell])).toEqual([
      [T0, south],
      ...[
        [T0 + 600, south],
        [T0 + 600, north],
      ].sort((x, y) => (x[1] < y[1] ? -1 : 1)), // within a bucket, by cell
    ]);
  });

  it('places an aircraft sending only TC0 at its last good position, estimated', () => {
    const g = new IntegrityGrid({ res: 4, bucketSeconds: 3600, method: 'nacp' });
    g.fix(fix('aaaaaa', T0 - 5, 52.0, 5.0, 9)); // last fix in the previous bucket, no velocity known
    g.evidence({ t: T0 + 1, icao: 'aaaaaa', kind: 'no_position' });
    g.evidence({ t: T0 + 2, icao: 'aaaaaa', kind: 'no_position' });
    g.evidence({ t: T0 + 700, icao: 'aaaaaa', kind: 'no_position' }); // beyond 600 s: not placed
    const ab = g.finish().filter((a) => a.bucket_start === T0);
    expect(ab).toEqual<AircraftBucket[]>([
      {
        bucket_start: T0,
        bucket_seconds: 3600,
        res: 4,
        method: 'nacp',
        cell: latLngToCell(52.0, 5.0, 4),
        icao: 'aaaaaa',
        degraded: true,
        reason: 'tc0',
        estimated: true,
      },
    ]);
  });

  it('dead-reckons a TC0 aircraft from groundspeed and track', () => {
    const g = new IntegrityGrid({ res: 5, bucketSeconds: 3600, method: 'nacp' });
    // 360 kt due east on the equator for 300 s: 360 × 1.852 / 12 = 55.56 km = 0.4997° of longitude.
    g.fix(fix('aaaaaa', T0 + 0, 0, 10, 9, { groundspeed: 360, track: 90 }));
    g.evidence({ t: T0 + 299, icao: 'aaaaaa', kind: 'no_position' });
    g.evidence({ t: T0 + 300, icao: 'aaaaaa', kind: 'no_position' });
    const placed = g.finish().filter((a) => a.estimated);
    expect(placed.map((a) => a.cell)).toEqual([latLngToCell(0, 10.4997, 5)]);
  });

  it('closeBefore emits finished buckets through onClose; late data opens a new row, never lost', () => {
    const closed: AircraftBucket[][] = [];
    const g = new IntegrityGrid({ res: 4, bucketSeconds: 60, method: 'nacp', onClose: (c) => closed.push(c) });
    g.fix(fix('aaaaaa', T0 + 10, 52, 5, 9));
    g.fix(fix('aaaaaa', T0 + 70, 52, 5, 9));
    g.closeBefore(T0 + 60);
    expect(closed.map((c) => c.map((a) => a.bucket_start))).toEqual([[T0]]);
    g.fix(fix('bbbbbb', T0 + 20, 52, 5, 9)); // its bucket is closed
    g.fix(fix('aaaaaa', T0 + 30, 52, 5, 1)); // and again, degraded this time: a new row, not the emitted one changed
    expect(g.late).toBe(2);
    expect(closed[0].map((a) => [a.icao, a.degraded])).toEqual([['aaaaaa', false]]);
    const rest = g.finish();
    expect(rest.map((a) => [a.bucket_start - T0, a.icao])).toEqual([[0, 'aaaaaa'], [0, 'bbbbbb'], [60, 'aaaaaa']]);
  });

  it('method nic flags NIC < 7', () => {
    const g = new IntegrityGrid({ res: 4, bucketSeconds: 3600, method: 'nic' });
    g.fix(fix('aaaaaa', T0 + 1, 52, 5, 9, { nic: 6 }));
    g.fix(fix('bbbbbb', T0 + 1, 52, 5, 0, { nic: 7 }));
    expect(g.finish().map((a) => [a.icao, a.degraded, a.reason])).toEqual([
      ['aaaaaa', true, 'nic<7'],
      ['bbbbbb', false, ''],
    ]);
  });

  it('rejects resolutions and bucket sizes out of range with a clear message', () => {
    expect(() => new IntegrityGrid({ res: 8, bucketSeconds: 3600, method: 'nacp' })).toThrow(/resolution 8.*2 to 7/);
    expect(() => new IntegrityGrid({ res: 4, bucketSeconds: 30, method: 'nacp' })).toThrow(/60 to 86400/);
  });

  it('keeps its aircraft memory bounded over a day of distinct aircraft', () => {
    const g = new IntegrityGrid({ res: 4, bucketSeconds: 3600, method: 'nacp' });
    for (let i = 0; i < 200_000; i++) g.fix(fix(i.toString(16), T0 + i * 0.432, 52, 5, 9)); // 200k over 24 h
    // Aircraft unseen for 1800 s are forgotten on a 300 s sweep: at most 2100 s × 1/0.432 s alive.
    expect(g.aircraftCount).toBeLessThanOrEqual(Math.ceil(2100 / 0.432));
  });
});
