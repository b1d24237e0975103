import { describe, expect, it } from 'vitest';
import type { TrackPoint } from '../../web/src/api.ts';
import { integrityOf, trackFeatures } from '../../web/src/tracks.ts';

describe('track integrity colouring', () => {
  it('uses NACp when present (≤ 2 is the degraded threshold of the nacp method), else NIC', () => {
    expect(integrityOf(8, 10)).toBe('good');
    expect(integrityOf(8, 2)).toBe('lost');
    expect(integrityOf(0, 5)).toBe('reduced'); // NACp wins over NIC
    expect(integrityOf(7, null)).toBe('good'); // NIC 7: Rc < 0.2 NM
    expect(integrityOf(6, null)).toBe('reduced');
    expect(integrityOf(0, null)).toBe('lost');
  });

  it('a point reporting neither NIC nor NACp is unknown, not lost (absent integrity is not degraded)', () => {
    expect(integrityOf(null, null)).toBe('unknown');
    expect(integrityOf(null, 9)).toBe('good'); // NACp alone suffices
  });

  it('splits a track where its class changes, sharing the joining point', () => {
    const pts: TrackPoint[] = [
      [10, 37.0, 126.0, 30000, 8, 9],
      [20, 37.1, 126.1, 30000, 8, 9],
      [30, 37.2, 126.2, 30000, 0, 0],
      [40, 37.3, 126.3, 30000, 0, 0],
    ];
    const fc = trackFeatures([{ icao: 'abc123', callsign: 'KAL1', points: pts }]);
    expect(fc.features.map((f) => f.properties?.integrity)).toEqual(['good', 'lost']);
    expect(fc.features[0].geometry.coordinates).toEqual([[126.0, 37.0], [126.1, 37.1]]);
    expect(fc.features[1].geometry.coordinates).toEqual([[126.1, 37.1], [126.2, 37.2], [126.3, 37.3]]);
  });

  it('sorts points by time and keeps an antimeridian crossing continuous', () => {
    const pts: TrackPoint[] = [
      [20, 50, -179.5, null, 8, null],
      [10, 50, 179.5, null, 8, null],
    ];
    const coords = trackFeatures([{ icao: 'a', callsign: '', points: pts }]).features[0].geometry.coordinates;
    expect(coords).toEqual([[179.5, 50], [180.5, 50]]);
  });

  it('draws nothing for a single point', () => {
    expect(trackFeatures([{ icao: 'a', callsign: '', points: [[1, 1, 1, null, 8, 9]] }]).features).toHaveLength(0);
  });
});
