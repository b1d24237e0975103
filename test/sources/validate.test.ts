/** The validation boundary through the module API: the checks, the parsers that apply them, and readInput. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseTime, UsageError } from '../../src/cli/errors.ts';
import { BeastParser } from '../../src/sources/beast.ts';
import { CsvParser } from '../../src/sources/csv.ts';
import { newSourceErrors } from '../../src/sources/frame-sink.ts';
import { InputError, readInput } from '../../src/sources/read-input.ts';
import { JsonStreamParser, snapshotToFixes } from '../../src/sources/readsb-json.ts';
import { traceToFixes } from '../../src/sources/trace.ts';
import { defaultTimeWindow, EARLIEST_TIME, fixProblem, timeProblem } from '../../src/sources/validate.ts';
import { parseTimeText } from '../../src/server/params.ts';
import type { Fix } from '../../src/contracts.ts';

const GOOD: Fix = { t: 1.7e9, icao: 'abc123', lat: 45, lon: 10, ground: false, nic: 8, rc: 186, version: 2, source: 'adsb', nac_p: 9, sil: 3, alt_baro: 35000, alt_geom: 35500, groundspeed: 450, track: 90, vertical_rate: -640, callsign: 'DAL1812' };
const W = { from: EARLIEST_TIME, to: 2e9 };

describe('fixProblem', () => {
  it('passes a sane fix, unknown integrity (NaN, version -1) and an unknown time', () => {
    expect(fixProblem(GOOD, W)).toBeNull();
    expect(fixProblem({ ...GOOD, nic: NaN, rc: NaN, version: -1, nac_p: undefined, sil: undefined }, W)).toBeNull();
    expect(fixProblem({ ...GOOD, t: NaN }, W)).toBeNull();
    // The edges of every table are values a real aircraft sends.
    expect(fixProblem({ ...GOOD, lat: -90, lon: 180, nic: 11, nac_p: 0, sil: 0, version: 0, alt_baro: -1000, alt_geom: 126750, track: 0, groundspeed: 0 }, W)).toBeNull();
  });

  it.each<[string, Partial<Fix>, RegExp]>([
    ['t 1e20', { t: 1e20 }, /^time 100000000000000000000 is outside 1990-01-01\.\.2033-05-18$/],
    ['t 1e300', { t: 1e300 }, /^time 1e\+300 is outside/],
    ['t before 1990', { t: 100 }, /^time 100 is outside/],
    ['t -Infinity', { t: -Infinity }, /^time -Infinity is outside/],
    ['empty address', { icao: '' }, /^address "" is not 6 hex digits$/],
    ['100,000-character address', { icao: 'a'.repeat(100000) }, /^address "aaaaaaaaaaaaaaaaaaaa" is not 6 hex digits$/],
    ['SQL-like address', { icao: "'); drop table fixes; --" }, /^address .* is not 6 hex digits$/],
    ['latitude 95', { lat: 95 }, /^lat 95 is not in -90\.\.90$/],
    ['longitude 500', { lon: 500 }, /^lon 500 is not in -180\.\.180$/],
    ['latitude 1e300', { lat: 1e300 }, /^lat 1e\+300/],
    ['latitude NaN', { lat: NaN }, /^position is not a number$/],
    ['nac_p 3000000000', { nac_p: 3000000000 }, /^nac_p 3000000000 is not a whole number in 0\.\.11$/],
    ['nic 1e300', { nic: 1e300 }, /^nic 1e\+300 is not a whole number in 0\.\.11$/],
    ['nic 12', { nic: 12 }, /^nic 12/],
    ['nic 7.5', { nic: 7.5 }, /^nic 7\.5/],
    ['sil 4', { sil: 4 }, /^sil 4/],
    ['version 3', { version: 3 }, /^version 3 is not 0, 1 or 2$/],
    ['altitude 200,000 ft', { alt_baro: 200000 }, /^alt_baro 200000/],
    ['geometric altitude -5,000 ft', { alt_geom: -5000 }, /^alt_geom -5000/],
    ['ground speed 5,000 kt', { groundspeed: 5000 }, /^groundspeed 5000/],
    ['track 361', { track: 361 }, /^track 361/],
    ['vertical rate 1e6', { vertical_rate: 1e6 }, /^vertical_rate 1000000/],
    ['rc -1', { rc: -1 }, /^rc -1/],
    ['callsign of 9 characters', { callsign: 'ABCDEFGHI' }, /^callsign "ABCDEFGHI"/],
    ['callsign with SQL', { callsign: "'; --" }, /^callsign/],
  ])('refuses %s', (_, change, message) => {
    expect(fixProblem({ ...GOOD, ...change }, W)).toMatch(message);
  });

  it('the default window runs from 1990-01-01 to a day after now', () => {
    const w = defaultTimeWindow(1.8e9);
    expect(w).toEqual({ from: 631152000, to: 1.8e9 + 86400 });
    expect(timeProblem(631152000, w)).toBeNull();
    expect(timeProblem(631151999, w)).not.toBeNull();
    expect(timeProblem(1.8e9 + 86400, w)).toBeNull();
    expect(timeProblem(1.8e9 + 86401, w)).not.toBeNull();
  });
});

describe('sources apply it: bad records counted, good ones around them kept', () => {
  const doc = JSON.parse(readFileSync('data/real/sdre-rust-adsb-parser/aircraft_1.json', 'utf8'));
  const positioned = doc.aircraft.filter((a: { lat?: number }) => typeof a.lat === 'number');

  it('aircraft.json: a null, a number, an array and a nac_p of 3e9 among real aircraft', () => {
    const fixes: Fix[] = [];
    const errors = newSourceErrors();
    const aircraft = [null, ...doc.aircraft.slice(0, 5), 7, [], { ...positioned[0], nac_p: 3e9 }, ...doc.aircraft.slice(5)];
    expect(snapshotToFixes({ ...doc, aircraft }, (f) => fixes.push(f), errors, { name: 'snap' })).toBe(positioned.length);
    expect(fixes.length).toBe(positioned.length);
    expect(errors.byKind).toEqual({ invalid: 4 });
    expect(errors.samples).toEqual([
      'snap: aircraft 0 is null; skipped',
      'snap: aircraft 6 is not an object; skipped',
      'snap: aircraft 7 is not an object; skipped',
      'snap: aircraft 8: nac_p 3000000000 is not a whole number in 0..11; skipped',
    ]);
  });

  it('a non-string readsb "type" (found by npm run fuzz: it threw and lost the whole file) reads as ADS-B', () => {
    const fixes: Fix[] = [];
    const errors = newSourceErrors();
    snapshotToFixes({ now: 1.7e9, aircraft: [{ hex: 'abcdef', lat: 1, lon: 2, type: 1e300 }, { hex: 'abcdee', lat: 1, lon: 2, type: 'mlat' }] }, (f) => fixes.push(f), errors);
    expect(fixes.map((f) => f.source)).toEqual(['adsb', 'mlat']);
    expect(errors.count).toBe(0);
  });

  it('a JSON stream: a line with seen_pos -1e12 (a fix far in the future) is counted, the next line kept', () => {
    const fixes: Fix[] = [];
    const p = new JsonStreamParser((f) => fixes.push(f));
    p.push(Buffer.from('{"now":1.7e9,"hex":"abcdef","lat":1,"lon":2,"seen_pos":-1e12}\nnull\n[1]\n{"now":1.7e9,"hex":"abcdef","lat":1,"lon":2,"seen_pos":3}\n'));
    p.end();
    expect(fixes.map((f) => f.t)).toEqual([1.7e9 - 3]);
    expect(p.fixes).toBe(1);
    expect(p.errors.count).toBe(3);
    expect(p.errors.samples[0]).toMatch(/^json: line 1: time 1001700000000 is outside/);
  });

  it('a trace: impossible points and a non-array point counted by index, the 2,500 real ones kept', () => {
    const trace = JSON.parse(readFileSync('data/real/traffic/trace_full_ac671b.json', 'utf8'));
    const spoiled = [[0, 95, 1], 'x', [0, 1, 500]];
    const fixes: Fix[] = [];
    const errors = newSourceErrors();
    expect(traceToFixes({ ...trace, trace: [...trace.trace.slice(0, 10), ...spoiled, ...trace.trace.slice(10)] }, (f) => fixes.push(f), errors)).toBe(2500);
    expect(errors.samples).toEqual([
      'trace ac671b: point 10: lat 95 is not in -90..90; skipped',
      'trace ac671b: point 11 is not an array; skipped',
      'trace ac671b: point 12: lon 500 is not in -180..180; skipped',
    ]);
  });

  it('CSV: a timestamp of 1e20 or 0 is a bad_time, the frames between kept', () => {
    const frames: number[] = [];
    const p = new CsvParser((_b, _n, t) => frames.push(t));
    p.push(Buffer.from('1700000000,8dada5265851e6616376c2eb4463\n1e20,8dada5265851e6616376c2eb4463\n0,8dada5265851e6616376c2eb4463\n1700000001,8dada5265851e6616376c2eb4463\n'));
    p.end();
    expect(frames).toEqual([1700000000, 1700000001]);
    expect(p.errors.byKind).toEqual({ bad_time: 2 });
    expect(p.errors.samples[0]).toMatch(/^csv: line 2 has a time 100000000000000000000 is outside/);
  });

  it('Beast anchored by a start: frames whose counter runs past the window end are counted, earlier ones kept', () => {
    const bin = readFileSync('data/real/traffic/sample_dump1090.bin');
    const times: number[] = [];
    new BeastParser((_b, _n, t) => times.push(t)).push(bin); // counter seconds, unchecked without a start
    expect(times.length).toBe(239);
    const mid = times[120];
    const start = 1.7e9;
    const kept: number[] = [];
    const p = new BeastParser((_b, _n, t) => kept.push(t), { start, window: { from: EARLIEST_TIME, to: start + mid } });
    p.push(bin);
    const expected = times.filter((t) => t <= mid).length;
    expect(expected).toBeGreaterThan(100);
    expect(expected).toBeLessThan(239);
    expect(kept.length).toBe(expected);
    expect(p.errors.byKind.bad_time).toBe(239 - expected);
  });
});

describe('time text and --start', () => {
  it.each(['%00', '1,2', 'abc 2024', 'foo 12', '1e20', '100000000000000000000', '9000000000000000000', '-1', '2024-02-30', '2024-10-01 12:00', 'Tue, 01 Oct 2024', '', '0x10', '12abc', '1969-12-31T23:59:59Z', '10000-01-01'])(
    'refuses %j',
    (text) => {
      expect(parseTimeText(text)).toBeNull();
      expect(() => parseTime(text, '--start')).toThrow(UsageError);
    },
  );

  it.each<[string, number]>([
    ['1727784000', 1727784000],
    ['1727784000.25', 1727784000.25],
    ['2024-10-01T12:00:00Z', 1727784000],
    ['2024-10-01T12:00:00.5Z', 1727784000.5],
    ['2024-10-01T14:00:00+02:00', 1727784000],
    ['2024-10-01T07:00:00-0500', 1727784000],
    ['2024-10-01T12:00', 1727784000], // no offset: UTC
    ['2024-10-01', 1727740800],
    ['2024-02-29T00:00:00Z', 1709164800],
  ])('reads %j as %d', (text, t) => {
    expect(parseTimeText(text)).toBe(t);
  });

  it('readInput refuses a start outside the window with one line, before reading anything', async () => {
    const frames: number[] = [];
    const read = readInput('data/real/traffic/sample_dump1090.bin', { frame: (_b, _n, t) => frames.push(t), fix: () => {} }, { start: 9e18 });
    await expect(read).rejects.toThrow(InputError);
    await expect(read).rejects.toThrow(/^--start: time 9000000000000000000 is outside 1990-01-01\.\./);
    expect(frames).toEqual([]);
  });
});
