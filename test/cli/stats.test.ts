import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.ts';

describe('gnsswatch stats', () => {
  it('summarises the dump1090 Beast recording (data/README.md facts)', async () => {
    const r = await runCli(['stats', 'data/real/traffic/sample_dump1090.bin']);
    expect(r.code).toBe(0);
    const s = JSON.parse(r.stdout);
    expect(s.format).toBe('beast');
    expect(s.frames).toBe(239);
    expect(s.df).toEqual({ 0: 44, 4: 39, 5: 12, 11: 90, 16: 1, 17: 23, 20: 16, 21: 14 });
    expect(s.span_s).toBeGreaterThan(20);
    expect(s.span_s).toBeLessThan(30);
  });

  it('counts 486 CRC-valid frames from 9 aircraft over 61 s in the rs1090 CSV', async () => {
    const r = await runCli(['stats', 'data/real/rs1090/short_flights.csv']);
    expect(r.code).toBe(0);
    const s = JSON.parse(r.stdout);
    expect(s.frames).toBe(486);
    expect(s.crc_ok).toBe(486);
    expect(s.aircraft).toBe(9);
    expect(Math.round(s.span_s)).toBeGreaterThanOrEqual(60);
    expect(Math.round(s.span_s)).toBeLessThanOrEqual(61);
  });

  it('counts the trace file as fixes: 2,500 points of one aircraft', async () => {
    const r = await runCli(['stats', 'data/real/traffic/trace_full_ac671b.json']);
    expect(r.code).toBe(0);
    const s = JSON.parse(r.stdout);
    expect(s.fixes).toBe(2500);
    expect(s.aircraft).toBe(1);
    expect(s.span_s / 3600).toBeCloseTo(22.7, 0);
  });
});
