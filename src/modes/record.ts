/**
 * The reusable decode record: one instance is written per frame by `decodeInto` and read
 * by the caller, who copies what it keeps. Numbers use NaN (measurements) or -1 (codes)
 * for "absent"; strings use ''. Field names follow readsb / pyModeS (snake_case).
 */

/** Where an ADS-B-like message came from (DF18 CF field), as an index into MESSAGE_SOURCES. */
export const SOURCE_ADSB = 0;
export const SOURCE_TISB = 1;
export const SOURCE_ADSR = 2;
export const MESSAGE_SOURCES = ['adsb', 'tisb', 'adsr'] as const;
export type MessageSource = (typeof MESSAGE_SOURCES)[number];

export class ModeSRecord {
  // Frame level
  /** The frame as decoded (after any correction): bytes 0..len-1 are valid. Reused, never reallocated. */
  readonly bytes = new Uint8Array(14);
  t = NaN;
  signal = NaN;
  len = 0; // bytes: 7 or 14
  df = -1;
  icao = -1; // 24-bit address as a number
  crc_ok = false;
  corrected_bits = 0; // bits flipped by error correction
  error = ''; // why the frame could not be decoded, '' when it could
  ca = -1; // DF11/17 capability
  fs = -1; // DF4/5/20/21 flight status
  dr = -1; // downlink request
  um = -1; // utility message
  vs = -1; // DF0/16 vertical status (1 = on ground)
  ri = -1; // DF0/16 reply information
  cf = -1; // DF18 control field
  source = SOURCE_ADSB;
  non_icao = false; // DF18 / TIS-B address is not an ICAO 24-bit address

  // Surveillance replies
  altitude = NaN; // ft; barometric unless alt_gnss
  alt_gnss = false; // TC 20-22: the altitude is GNSS height (HAE)
  squawk = -1; // identity as 4 octal digits read as a decimal number (7700 -> 7700)

  // ADS-B
  tc = -1;
  subtype = -1;
  category = -1; // TC1-4, readsb encoding ((0x0E - tc) << 4) | ca: TC4 CA3 = 0xA3
  callsign = '';
  cpr_format = -1; // 0 even, 1 odd
  cpr_lat = -1; // 17-bit encoded
  cpr_lon = -1;
  ss = -1; // surveillance status
  nic_b = -1; // NIC supplement B (v2) / single-antenna flag (v1) in airborne position
  time_sync = -1; // T bit
  on_ground = false; // surface position, or ground by Mode S VS / FS
  movement = -1; // surface movement code
  groundspeed = NaN; // kt
  track = NaN; // degrees true
  vertical_rate = NaN; // ft/min
  vr_source = -1; // 0 GNSS, 1 barometric
  airspeed = NaN; // kt (velocity subtypes 3/4)
  airspeed_type = -1; // 0 IAS, 1 TAS
  heading = NaN; // degrees (subtypes 3/4, magnetic or true per hrd)
  geom_minus_baro = NaN; // ft, GNSS height minus barometric
  nac_v = -1;
  intent_change = -1;
  ifr_capability = -1;

  // Operational status (TC31), target state (TC29), emergency (TC28)
  version = -1;
  nic_a = -1;
  nic_c = -1;
  nac_p = -1;
  sil = -1;
  sil_type = -1; // SIL supplement: 0 per hour, 1 per sample
  gva = -1;
  nic_baro = -1;
  sda = -1;
  hrd = -1; // heading reference: 0 true, 1 magnetic
  tah = -1; // track angle / heading
  emergency = -1; // TC28/1 emergency state
  selected_altitude = NaN; // TC29/1 ft
  selected_altitude_type = -1; // 0 MCP/FCU, 1 FMS
  selected_heading = NaN; // TC29/1 degrees
  nav_qnh = NaN; // TC29/1 hPa
  autopilot = -1;
  vnav = -1;
  alt_hold = -1;
  approach = -1;
  lnav = -1;
  tcas_operational = -1;

  // Comm-B (DF20/21): the inferred register, 0 when none or ambiguous, else 0x10, 0x17, 0x20, 0x30, 0x40, 0x44, 0x45, 0x50, 0x60
  bds = 0;
  selected_altitude_mcp = NaN;
  selected_altitude_fms = NaN;
  baro_pressure_setting = NaN; // hPa
  roll = NaN; // degrees, right wing down positive
  true_track = NaN;
  track_rate = NaN; // deg/s
  true_airspeed = NaN;
  magnetic_heading = NaN;
  indicated_airspeed = NaN;
  mach = NaN;
  baro_vertical_rate = NaN;
  inertial_vertical_rate = NaN;
  wind_speed = NaN; // BDS44, kt
  wind_direction = NaN;
  static_air_temperature = NaN; // degC
  static_pressure = NaN; // hPa
  humidity = NaN; // %
  turbulence = -1; // BDS45 hazard levels 0-3
  wind_shear = -1;
  microburst = -1;
  icing = -1;
  wake_vortex = -1;
  radio_height = NaN; // ft
  bds17_caps = -1; // BDS17: MB bits 1-24 as a number, bit 1 worth 0x800000 (see commb/bds17)
  ra_active = -1; // BDS30 / TC28/2: active resolution advisories
  ra_terminated = -1;
  multiple_threat = -1;

  /**
   * Field groups (GROUP_*) written since the last reset. decodeInto marks the groups it
   * writes and resets only those plus the frame-level fields, so a blank record costs a few
   * dozen stores instead of ~120. Code that writes a group's fields outside decodeInto must
   * mark it here (or call reset()) for the next decodeInto to clear it.
   */
  dirty = 0;

  /** Set every field back to absent. */
  reset(): void {
    resetFields(this, GROUPS_ALL);
  }

  /** Set the frame-level fields and the dirty groups back to absent: the same blank record as reset(). */
  resetDirty(): void {
    resetFields(this, this.dirty);
  }
}

/**
 * Fields that only some message families write, by group. Every field listed in no group is
 * frame-level and reset for every frame (fields added to the class later are, by default).
 */
export const GROUP_IDENTIFICATION = 1;
export const GROUP_POSITION = 2;
export const GROUP_VELOCITY = 4;
export const GROUP_AIRCRAFT_STATUS = 8;
export const GROUP_TARGET_STATE = 16;
export const GROUP_OPERATIONAL_STATUS = 32;
export const GROUP_COMMB = 64;
export const GROUPS_ALL = 127;

const GROUP_FIELDS: ReadonlyArray<readonly [number, readonly string[]]> = [
  [GROUP_IDENTIFICATION, ['category', 'callsign']],
  [GROUP_POSITION, ['alt_gnss', 'ss', 'nic_b', 'time_sync', 'cpr_format', 'cpr_lat', 'cpr_lon', 'movement', 'groundspeed', 'track']],
  [GROUP_VELOCITY, ['groundspeed', 'track', 'vertical_rate', 'vr_source', 'airspeed', 'airspeed_type', 'heading',
    'geom_minus_baro', 'nac_v', 'intent_change', 'ifr_capability']],
  [GROUP_AIRCRAFT_STATUS, ['emergency', 'ra_active', 'ra_terminated', 'multiple_threat']],
  [GROUP_TARGET_STATE, ['sil_type', 'selected_altitude_type', 'selected_altitude', 'nav_qnh', 'selected_heading', 'nac_p',
    'nic_baro', 'sil', 'autopilot', 'vnav', 'alt_hold', 'approach', 'lnav', 'tcas_operational']],
  [GROUP_OPERATIONAL_STATUS, ['version', 'nic_a', 'nic_c', 'nac_p', 'sil', 'sil_type', 'gva', 'nic_baro', 'sda', 'hrd', 'tah']],
  [GROUP_COMMB, ['bds', 'selected_altitude_mcp', 'selected_altitude_fms', 'baro_pressure_setting', 'roll', 'true_track',
    'track_rate', 'true_airspeed', 'magnetic_heading', 'indicated_airspeed', 'mach', 'baro_vertical_rate',
    'inertial_vertical_rate', 'wind_speed', 'wind_direction', 'static_air_temperature', 'static_pressure', 'humidity',
    'turbulence', 'wind_shear', 'microburst', 'icing', 'wake_vortex', 'radio_height', 'bds17_caps']],
];

/** Fields that hold buffers owned by the record, and the reset bookkeeping: never reset to a blank value. */
const KEPT = new Set(['bytes', 'dirty']);

/** A field's blank value as a JavaScript literal. */
function literal(v: unknown): string {
  return typeof v === 'number' && Number.isNaN(v) ? 'NaN' : JSON.stringify(v);
}

/**
 * The reset of the frame-level fields and the groups in `groups`, generated once from a blank
 * record's own fields: one explicit store per field is several times faster than Object.assign
 * over ~120 fields, and fields added to the class later are included without touching this code.
 */
const resetFields = ((): ((r: ModeSRecord, groups: number) => void) => {
  const blank = Object.entries(new ModeSRecord()).filter(([k]) => !KEPT.has(k));
  const value = new Map(blank);
  const grouped = new Set(GROUP_FIELDS.flatMap(([, fields]) => fields));
  for (const k of grouped) if (!value.has(k)) throw new Error(`record.ts: group field ${k} is not a ModeSRecord field`);
  const store = (k: string): string => `r.${k} = ${literal(value.get(k))};`;
  const body = [
    ...blank.filter(([k]) => !grouped.has(k)).map(([k]) => store(k)),
    ...GROUP_FIELDS.map(([bit, fields]) => `if (g & ${bit}) {\n${fields.map(store).join('\n')}\n}`),
    'r.dirty = 0;',
  ];
  return new Function('r', 'g', body.join('\n')) as (r: ModeSRecord, groups: number) => void;
})();
