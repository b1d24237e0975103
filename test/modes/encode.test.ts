import { describe, expect, it } from 'vitest';
import { crcResidual } from '../../src/modes/crc.ts';
import {
  encodeAirbornePosition,
  encodeAltitude12,
  encodeIdentification,
  encodeMovement,
  encodeOperationalStatus,
  encodeSurfacePosition,
  encodeTargetState,
  encodeVelocity,
} from '../../src/modes/encode.ts';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex').toUpperCase();

/** ME bits [from, from+n), 1-based, of a 14-byte frame. */
function me(f: Uint8Array, from: number, n: number): number {
  let v = 0;
  for (let k = 0; k < n; k++) {
    const bit = 32 + from - 1 + k;
    v = v * 2 + ((f[bit >> 3] >> (7 - (bit & 7))) & 1);
  }
  return v;
}

/** An expected ME built from (first bit, width, value) triples of the standard's layout. */
function expectedMe(fields: Array<[number, number, number]>): string {
  const bitsOut = new Array<number>(56).fill(0);
  for (const [from, width, value] of fields) {
    for (let k = 0; k < width; k++) bitsOut[from - 1 + k] = (value >> (width - 1 - k)) & 1;
  }
  return bitsOut.join('');
}
const meBits = (f: Uint8Array) => Array.from({ length: 56 }, (_, i) => me(f, i + 1, 1)).join('');

describe('encodeAltitude12', () => {
  // Riddle "Airborne position": 8D40621D58C382D690C8AC2863A7 carries field 0xC38 for 38000 ft
  // (Q = 1, N = 0b11000011000 = 1560, 1560 * 25 - 1000 = 38000).
  it('Q-bit coding: 38000 ft -> 0xC38', () => expect(encodeAltitude12(38000)).toBe(0xc38));
  // -1000 ft: N = 0, only Q set. 50175 ft: N = 2047 (all eleven bits).
  it('Q-bit range ends', () => {
    expect(encodeAltitude12(-1000)).toBe(0x010);
    expect(encodeAltitude12(50175)).toBe(0xfff);
  });
  it('no altitude -> 0', () => expect(encodeAltitude12(NaN)).toBe(0));

  // Hand computation for 50200 ft (Gillham): 502 hundreds + 12 = 514 = 5 * 102 + 4 -> 500 ft count 102
  // (even, so the 100 ft step stays 4 + 1 = 5, code C1 C2 C4 = 100), Gray(102) = 0b01010101 over
  // D2 D4 A1 A2 A4 B1 B2 B4. Field C1 A1 C2 A2 C4 A4 B1 Q B2 D2 B4 D4 = 1 0 0 1 0 0 1 0 0 0 1 1 = 0x923.
  it('Gillham above 50175 ft: 50200 ft -> 0x923', () => expect(encodeAltitude12(50200)).toBe(0x923));

  /** Gillham decoding the way readsb's modeAToModeC does it (XOR masks), independent of the encoder. */
  function gillhamDecode(f12: number): number {
    const b = (i: number) => (f12 >> (11 - i)) & 1; // i: 0-based from C1
    const [c1, a1, c2, a2, c4, a4, b1, q, b2, d2, b4, d4] = Array.from({ length: 12 }, (_, i) => b(i));
    expect(q).toBe(0);
    let one = 0;
    if (c1) one ^= 7;
    if (c2) one ^= 3;
    if (c4) one ^= 1;
    if ((one & 5) === 5) one ^= 2;
    let five = 0;
    if (d2) five ^= 0xff;
    if (d4) five ^= 0x7f;
    if (a1) five ^= 0x3f;
    if (a2) five ^= 0x1f;
    if (a4) five ^= 0x0f;
    if (b1) five ^= 0x07;
    if (b2) five ^= 0x03;
    if (b4) five ^= 0x01;
    if (five & 1) one = 6 - one;
    return (five * 5 + one - 13) * 100;
  }
  it('Gillham round trip from 50200 to 126700 ft in 100 ft steps', () => {
    for (let alt = 50200; alt <= 126700; alt += 100) expect(gillhamDecode(encodeAltitude12(alt))).toBe(alt);
  });
  it('Q-bit round trip in 25 ft steps', () => {
    for (let alt = -1000; alt <= 50175; alt += 25) {
      const f = encodeAltitude12(alt);
      expect(f & 0x10).toBe(0x10);
      expect((((f >> 5) << 4) | (f & 0xf)) * 25 - 1000).toBe(alt);
    }
  });
});

describe('encodeIdentification', () => {
  // Riddle "Aircraft identification": KLM1023, TC 4, CA 0.
  it("reproduces the Riddle's 8D4840D6202CC371C32CE0576098", () => {
    expect(hex(encodeIdentification(0x4840d6, 'KLM1023', 0xa0))).toBe('8D4840D6202CC371C32CE0576098');
  });
  it('sets TC and CA from the category and can send DF18', () => {
    const f = encodeIdentification(0xabcdef, 'AB', 0xa3, 18);
    expect(f[0] >> 3).toBe(18);
    expect(me(f, 1, 5)).toBe(4);
    expect(me(f, 6, 3)).toBe(3);
    expect(me(f, 9, 6)).toBe(1); // A
    expect(me(f, 15, 6)).toBe(2); // B
    expect(me(f, 21, 6)).toBe(32); // space padding
    expect(crcResidual(f, 14)).toBe(0);
  });
  it('rejects characters outside the ADS-B set and over-long callsigns with one line', () => {
    expect(() => encodeIdentification(1, 'AB-1', 0xa0)).toThrow(/'-'.*A-Z, 0-9/);
    expect(() => encodeIdentification(1, 'ABCDEFGHI', 0xa0)).toThrow(/longer than 8/);
    expect(() => encodeIdentification(1, 'A', 0x00)).toThrow(/type code 1-4/);
    expect(() => encodeIdentification(0x1000000, 'A', 0xa0)).toThrow(/24-bit/);
  });
});

describe('encodeAirbornePosition', () => {
  // Riddle "Airborne position": the exact positions its CPR fields stand for, worked by hand.
  // Even: lat = 6 * (8 + 93000 / 2^17), NL(52.26) = 36, lon = (360 / 36) * (51372 / 2^17).
  // Odd: lat = (360 / 59) * (8 + 74158 / 2^17), lon = (360 / 35) * (50194 / 2^17).
  it("reproduces the Riddle's even and odd frames", () => {
    const base = { icao: 0x40621d, tc: 11, altitude: 38000 };
    const even = encodeAirbornePosition({ ...base, lat: 6 * (8 + 93000 / 131072), lon: 10 * (51372 / 131072), odd: false });
    const odd = encodeAirbornePosition({
      ...base,
      lat: (360 / 59) * (8 + 74158 / 131072),
      lon: (360 / 35) * (50194 / 131072),
      odd: true,
    });
    expect(hex(even)).toBe('8D40621D58C382D690C8AC2863A7');
    expect(hex(odd)).toBe('8D40621D58C386435CC412692AD6');
  });
  it('places SS, NIC-B, T and DF18 CF where the layout says', () => {
    const f = encodeAirbornePosition({
      icao: 0x123456, tc: 20, altitude: 1000, lat: 10, lon: 20, odd: true, nic_b: 1, ss: 2, time_sync: 1, df: 18, cf: 2,
    });
    expect(f[0]).toBe((18 << 3) | 2);
    expect(me(f, 1, 5)).toBe(20);
    expect(me(f, 6, 2)).toBe(2);
    expect(me(f, 8, 1)).toBe(1);
    // 1000 ft: N = (1000 + 1000) / 25 = 80 = 0000101 0000, Q inserted after the 7th bit: 0000 1011 0000.
    expect(me(f, 9, 12)).toBe(0x0b0);
    expect(me(f, 21, 1)).toBe(1);
    expect(me(f, 22, 1)).toBe(1);
    expect(crcResidual(f, 14)).toBe(0);
  });
  it('TC 0 sends no position', () => {
    const f = encodeAirbornePosition({ icao: 1, tc: 0, altitude: NaN, lat: 10, lon: 20, odd: false });
    expect(me(f, 1, 56)).toBe(0);
    expect(crcResidual(f, 14)).toBe(0);
  });
  it('rejects a type code that is not an airborne position', () => {
    expect(() => encodeAirbornePosition({ icao: 1, tc: 19, altitude: 0, lat: 0, lon: 0, odd: false })).toThrow(/9-18, 20-22/);
  });
});

describe('encodeSurfacePosition', () => {
  // Riddle "Surface position": 8C4841753A9A153237AEF0F275BE, TC 7, movement 41 (17 kt), track code 33
  // (92.8125°), odd, CPR 39195 / 110320. Exact position by hand: lat = (90/59) * (34 + 39195 / 2^17),
  // NL = 36 so odd dLon = 90/35, lon = (90/35) * (1 + 110320 / 2^17).
  it("reproduces the Riddle's surface frame", () => {
    const f = encodeSurfacePosition({
      icao: 0x484175, tc: 7, lat: (90 / 59) * (34 + 39195 / 131072), lon: (90 / 35) * (1 + 110320 / 131072),
      odd: true, groundspeed: 17, track: 92.8125,
    });
    expect(hex(f)).toBe('8C4841753A9A153237AEF0F275BE');
  });
  // Movement bands (DO-260B Table 2-13; pyModeS/rs1090 read 2 -> 0.125, 9 -> 1, 13 -> 2, 39 -> 15,
  // 94 -> 70, 109 -> 100, 124 -> 175 kt).
  it.each([
    [undefined, 0],
    [0, 1],
    [0.125, 2],
    [0.99, 8],
    [1, 9],
    [2, 13],
    [15, 39],
    [17, 41],
    [70, 94],
    [100, 109],
    [170, 123],
    [175, 124],
    [400, 124],
  ])('movement for %s kt is %i', (gs, code) => expect(encodeMovement(gs)).toBe(code));
});

describe('encodeVelocity', () => {
  // Riddle "Airborne velocity", 8D485020994409940838175B284F: subtype 1, IFR capability 1, NACv 0,
  // west 8 kt, south 159 kt, GNSS vertical rate source, down 832 ft/min, GNSS 550 ft above baro.
  // Ground speed = sqrt(8² + 159²) and track = 180° + atan(8/159), by hand from those components.
  it("reproduces the Riddle's velocity frame", () => {
    const f = encodeVelocity({
      icao: 0x485020,
      groundspeed: Math.hypot(8, 159),
      track: 180 + (Math.atan(8 / 159) * 180) / Math.PI,
      vertical_rate: -832,
      vr_source: 0,
      geom_minus_baro: 550,
      nac_v: 0,
      ifr_capability: 1,
    });
    expect(hex(f)).toBe('8D485020994409940838175B284F');
  });
  it('supersonic uses subtype 2 and 4 kt units', () => {
    // 1200 kt due east: east-west code 1200/4 + 1 = 301, north-south 0 + 1 = 1.
    const f = encodeVelocity({ icao: 1, groundspeed: 1200, track: 90, vertical_rate: 0, supersonic: true });
    expect(me(f, 6, 3)).toBe(2);
    expect(me(f, 14, 1)).toBe(0);
    expect(me(f, 15, 10)).toBe(301);
    expect(me(f, 26, 10)).toBe(1);
    expect(crcResidual(f, 14)).toBe(0);
  });
  it('leaves absent values as "no information" codes', () => {
    const f = encodeVelocity({ icao: 1, groundspeed: NaN, track: NaN, vertical_rate: NaN });
    expect(me(f, 15, 10)).toBe(0);
    expect(me(f, 26, 10)).toBe(0);
    expect(me(f, 38, 9)).toBe(0);
    expect(me(f, 50, 7)).toBe(0);
  });
});

describe('encodeOperationalStatus', () => {
  // Expected ME from the bit layout of DO-260B 2.2.3.2.7.2 / DO-260A as tabulated in the Riddle
  // ("Operational status"): [first ME bit, width, value].
  it('version 2 airborne', () => {
    const f = encodeOperationalStatus({
      icao: 0xa05629, version: 2, airborne: true, nic_a: 1, nac_p: 10, sil: 3, sil_type: 1, gva: 2, nic_baro: 1, sda: 2, hrd: 1,
    });
    expect(meBits(f)).toBe(
      expectedMe([[1, 5, 31], [6, 3, 0], [31, 2, 2], [41, 3, 2], [44, 1, 1], [45, 4, 10], [49, 2, 2], [51, 2, 3], [53, 1, 1], [54, 1, 1], [55, 1, 1]]),
    );
    expect(f[0]).toBe(0x8d);
    expect(crcResidual(f, 14)).toBe(0);
  });
  it('version 2 surface carries NIC-C in capability bit 20 and no GVA', () => {
    const f = encodeOperationalStatus({
      icao: 0xa05629, version: 2, airborne: false, nic_a: 1, nic_c: 1, nac_p: 9, sil: 2, gva: 2, nic_baro: 1, tah: 1,
    });
    expect(meBits(f)).toBe(expectedMe([[1, 5, 31], [6, 3, 1], [20, 1, 1], [41, 3, 2], [44, 1, 1], [45, 4, 9], [51, 2, 2], [53, 1, 1]]));
    expect(f[0]).toBe(0x8c);
  });
  it('version 1 has no GVA, SDA, SIL supplement or NIC-C', () => {
    const f = encodeOperationalStatus({
      icao: 1, version: 1, airborne: true, nic_a: 1, nac_p: 8, sil: 2, sil_type: 1, gva: 2, sda: 3, nic_c: 1, nic_baro: 1,
    });
    expect(meBits(f)).toBe(expectedMe([[1, 5, 31], [41, 3, 1], [44, 1, 1], [45, 4, 8], [51, 2, 2], [53, 1, 1]]));
  });
  it('version 0 sends TC 31 with nothing else', () => {
    const f = encodeOperationalStatus({ icao: 1, version: 0, airborne: true, nac_p: 9, sil: 2 });
    expect(meBits(f)).toBe(expectedMe([[1, 5, 31]]));
    expect(crcResidual(f, 14)).toBe(0);
  });
});

describe('encodeTargetState', () => {
  // pyModeS' test vector 8DA05629EA21485CBF3F8CADAEEB, decoded by hand from the layout above:
  // MCP altitude (532 - 1) * 32 = 16992 ft, QNH 800 + 266 * 0.8 = 1012.8 hPa, heading 95 * 180/256 = 66.8°,
  // NACp 9, NIC-baro 1, SIL 3, modes valid with autopilot, VNAV, LNAV, TCAS operational.
  it('reproduces the pyModeS target state frame', () => {
    const f = encodeTargetState({
      icao: 0xa05629, selected_altitude: 16992, nav_qnh: 1012.8, selected_heading: 95 * (180 / 256), nac_p: 9, sil: 3,
      nic_baro: 1, autopilot: 1, vnav: 1, alt_hold: 0, approach: 0, lnav: 1, tcas_operational: 1,
    });
    expect(hex(f)).toBe('8DA05629EA21485CBF3F8CADAEEB');
  });
  it('absent values stay zero', () => {
    const f = encodeTargetState({ icao: 1, selected_altitude: NaN, nac_p: 0, sil: 0 });
    expect(meBits(f)).toBe(expectedMe([[1, 5, 29], [6, 2, 1]]));
  });
});

describe('every encoder output passes the CRC', () => {
  it('random inputs', () => {
    for (let i = 0; i < 200; i++) {
      const icao = (i * 7919 + 12345) & 0xffffff;
      const lat = ((i * 37) % 170) - 85;
      const lon = ((i * 113) % 360) - 180;
      for (const f of [
        encodeAirbornePosition({ icao, tc: 9 + (i % 10), altitude: i * 500 - 1000, lat, lon, odd: i % 2 === 1 }),
        encodeSurfacePosition({ icao, tc: 5 + (i % 4) as 5 | 6 | 7 | 8, lat, lon, odd: i % 2 === 0, groundspeed: i, track: i * 3 }),
        encodeVelocity({ icao, groundspeed: i * 3, track: i * 7, vertical_rate: i * 64 - 3000 }),
        encodeOperationalStatus({ icao, version: (i % 3) as 0 | 1 | 2, airborne: i % 2 === 0, nac_p: i % 12, sil: i % 4 }),
        encodeTargetState({ icao, selected_altitude: i * 100, nac_p: i % 12, sil: i % 4 }),
      ]) {
        expect(f).toHaveLength(14);
        expect(crcResidual(f, 14)).toBe(0);
      }
    }
  });
});
