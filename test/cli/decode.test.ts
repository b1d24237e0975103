import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, ndjson, runCli } from './run-cli.ts';

const SHORT_FLIGHTS = 'data/real/rs1090/short_flights.csv';
const DUMP1090 = 'data/real/traffic/sample_dump1090.bin';

describe('gnsswatch decode', () => {
  it('decodes every frame of the rs1090 CSV: 486 lines, all CRC-valid, 9 aircraft (data/README.md facts)', async () => {
    const r = await runCli(['decode', SHORT_FLIGHTS]);
    expect(r.code).toBe(0);
    const rows = ndjson(r.stdout);
    expect(rows).toHaveLength(486);
    expect(rows.every((o) => o.crc_ok === true && o.df === 17)).toBe(true);
    expect(new Set(rows.map((o) => o.icao)).size).toBe(9);
    // The raw frame comes back as given, lowercase, in input order.
    const input = readFileSync(join(ROOT, SHORT_FLIGHTS), 'utf8').trim().split('\n');
    expect(rows.map((o) => o.hex)).toEqual(input.map((l) => l.split(',')[1].trim().toLowerCase()));
    expect(rows[0].t).toBeCloseTo(Number(input[0].split(',')[0]), 3);
    // Positions get resolved once even/odd pairs arrive: positions inside the receiver's range.
    const positioned = rows.filter((o) => typeof o.lat === 'number');
    expect(positioned.length).toBeGreaterThan(50);
    for (const o of positioned) {
      expect(typeof o.nic).toBe('number');
      expect(Math.abs((o.lat as number) - (positioned[0].lat as number))).toBeLessThan(5);
    }
  });

  it('counts the dump1090 Beast recording per downlink format exactly (data/README.md facts)', async () => {
    const r = await runCli(['decode', DUMP1090]);
    expect(r.code).toBe(0);
    const rows = ndjson(r.stdout);
    expect(rows).toHaveLength(239);
    const df: Record<number, number> = {};
    for (const o of rows) df[o.df as number] = (df[o.df as number] ?? 0) + 1;
    expect(df).toEqual({ 0: 44, 4: 39, 5: 12, 11: 90, 16: 1, 17: 23, 20: 16, 21: 14 });
  });

  it('resolves the 1090 MHz Riddle even/odd pair to 52.2572 N, 3.91937 E', async () => {
    // Junzi Sun, "The 1090 Megahertz Riddle" (2nd ed.), chapter "Airborne position", globally unambiguous decoding.
    // The even message is the newer one, so the position is the even latitude zone's (52.2572).
    const csv = '1700000000.0,8D40621D58C386435CC412692AD6\n1700000001.0,8D40621D58C382D690C8AC2863A7\n';
    const r = await runCli(['decode', '-', '--format', 'csv'], csv);
    expect(r.code).toBe(0);
    const rows = ndjson(r.stdout);
    expect(rows).toHaveLength(2);
    expect(rows[0].altitude).toBe(38000);
    expect(rows[1].lat as number).toBeCloseTo(52.2572, 3);
    expect(rows[1].lon as number).toBeCloseTo(3.91937, 3);
  });

  it('keeps a bad frame as a line with crc_ok false or an error, and the good ones around it', async () => {
    const hex = ['8D4840D6202CC371C32CE0576098', 'zz-not-hex', '8D4840D6202CC371C32CE0576099', '8D4840D6202CC371C32CE0576098'].join('\n');
    const r = await runCli(['decode', '-', '--format', 'hex', '--no-correct'], hex);
    expect(r.code).toBe(0);
    const rows = ndjson(r.stdout);
    const good = rows.filter((o) => o.crc_ok === true);
    expect(good).toHaveLength(2);
    expect(good[0].callsign).toBe('KLM1023');
    // The corrupted frame (last parity byte changed) is still reported.
    expect(rows.some((o) => o.hex === '8d4840d6202cc371c32ce0576099' && o.crc_ok === false)).toBe(true);
    // The non-hex line is counted and reported on stderr.
    expect(r.stderr).toMatch(/1 unusable/);
  });

  it('fails with one clear line for a missing file, an unknown format and a bad flag', async () => {
    for (const args of [
      ['decode', 'no/such/file.bin'],
      ['decode', SHORT_FLIGHTS, '--format', 'xml'],
      ['decode', SHORT_FLIGHTS, '--ref', 'north'],
    ]) {
      const r = await runCli(args);
      expect(r.code, args.join(' ')).not.toBe(0);
      const lines = r.stderr.trim().split('\n');
      expect(lines[0], args.join(' ')).toMatch(/^(gnsswatch: |error: )/);
      expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
    }
  });

  it('fails with one clear line when nothing usable is in the input', async () => {
    const garbage = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256 & 0xfe));
    const r = await runCli(['decode', '-'], garbage);
    expect(r.code).not.toBe(0);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
});
