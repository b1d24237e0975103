/**
 * The scenario file: what the simulator builds (traffic, receivers, jammers, spoofers).
 * One zod schema, documented field by field; `SCENARIO_DOC` is the same in markdown for the README.
 */
import { z } from 'zod';
import { FT_TO_M, radioHorizonKm } from '../geo.ts';

const lat = z.number().min(-90).max(90).describe('latitude, decimal degrees');
const lon = z.number().min(-180).max(180).describe('longitude, decimal degrees');

const place = z
  .object({ lat, lon, name: z.string().optional().describe('label, e.g. an airport code') })
  .describe('a point; a flow starts or ends there on the ground (airport)');

const flow = z
  .object({
    from: place.describe('departure airport'),
    to: place.describe('arrival airport'),
    per_hour: z.number().min(0).max(120).describe('departures per hour (Poisson)'),
    cruise_ft: z.number().min(1000).max(45000).describe('cruise altitude, ft'),
    speed_kt: z.number().min(100).max(600).describe('cruise ground speed, kt'),
  })
  .describe('a route flown between two airports: climb, cruise, 3° descent');

const overflights = z
  .object({
    per_hour: z.number().min(0).max(300).describe('aircraft entering the area per hour'),
    alt_ft: z.tuple([z.number().min(1000), z.number().max(45000)]).describe('[min, max] cruise altitude, ft'),
    speed_kt: z.tuple([z.number().min(100), z.number().max(600)]).describe('[min, max] ground speed, kt'),
  })
  .describe('straight crossings of the area from one edge to another, at constant altitude');

const gnssLoss = z
  .enum(['tc0', 'nic0', 'nacp0', 'coast'])
  .describe(
    'what a jammed aircraft broadcasts: tc0 = position messages with type code 0 (no position, baro altitude only) and NACp 0; ' +
      'nic0 = position kept (inertial) with NIC 0 (TC18) and NACp 0; nacp0 = position and NIC unchanged, NACp 0; ' +
      'coast = inertial coasting: NIC and NACp fall one step every coast_step_s while the position keeps being sent',
  );

const traffic = z
  .object({
    flows: z.array(flow).default([]).describe('airport-to-airport routes'),
    overflights: overflights.optional(),
    version: z.union([z.literal(0), z.literal(1), z.literal(2)]).default(2).describe('ADS-B version (DO-260 / A / B)'),
    nac_p: z.number().int().min(0).max(11).optional().describe('healthy NACp; absent: 9 or 10 per aircraft'),
    nic: z.number().int().min(1).max(11).default(8).describe('healthy NIC (8: Rc < 0.1 NM)'),
    airlines: z.array(z.string().regex(/^[A-Z]{3}$/)).min(1).optional().describe('ICAO airline designators for callsigns'),
    air_data_share: z
      .number()
      .min(0)
      .max(1)
      .default(0)
      .describe('share of aircraft that also send Comm-B replies (DF20 BDS 5,0 and 6,0) with their true air data, every rates.commb_s'),
    wind: z
      .object({
        speed_kt: z.number().min(0).max(300).describe('wind speed, kt'),
        from_deg: z.number().min(0).max(360).describe('direction the wind blows from, degrees true'),
      })
      .optional()
      .describe('one wind over the area: true airspeed and heading in the air data differ from ground speed and track by it'),
  })
  .describe('the aircraft');

const rates = z
  .object({
    position_s: z.number().min(0.5).max(10).default(1).describe('seconds between airborne position messages (even/odd alternate)'),
    velocity_s: z.number().min(0.5).max(10).default(2).describe('seconds between velocity messages'),
    ident_s: z.number().min(1).max(60).default(10).describe('seconds between identification messages'),
    status_s: z.number().min(1).max(60).default(5).describe('seconds between operational status (TC31) messages'),
    commb_s: z.number().min(1).max(60).default(4).describe('seconds between Comm-B replies (BDS 5,0 and 6,0 alternate)'),
  })
  .describe('message rates (real transponders send positions at 2 Hz; lower rates keep files small)');

const receiver = z
  .object({
    name: z.string().min(1).describe('receiver name, set on every frame it hears'),
    lat,
    lon,
    range_km: z.number().positive().max(600).describe('maximum range; the radio horizon also limits it'),
    alt_m: z.number().min(0).default(10).describe('antenna height above ground, m'),
  })
  .describe('a ground receiver');

const interval = {
  start_s: z.number().min(0).describe('switched on, seconds after start'),
  end_s: z.number().min(0).describe('switched off, seconds after start'),
};

const strength = {
  radius_km: z.number().positive().max(1000).optional().describe('effective radius at ref_alt_ft (give this or power_w)'),
  power_w: z.number().positive().max(1e6).optional().describe('transmit power, W (give this or radius_km)'),
  ref_alt_ft: z.number().positive().default(30000).describe('altitude at which radius_km applies'),
};

const oneStrength = (v: { radius_km?: number; power_w?: number }): boolean => (v.radius_km === undefined) !== (v.power_w === undefined);
const ordered = (v: { start_s: number; end_s: number }): boolean => v.end_s > v.start_s;

const jammer = z
  .object({
    id: z.string().min(1).describe('name, used in the ground truth'),
    lat,
    lon,
    ...strength,
    ...interval,
    front_back: z
      .number()
      .min(1)
      .max(20)
      .default(1)
      .describe('directional antenna: reach toward bearing_deg over reach away from it (radius_km is the reach toward it); 1 = all round'),
    bearing_deg: z.number().min(0).max(360).default(0).describe('direction the antenna points, degrees true'),
    susceptibility: z
      .number()
      .min(0)
      .max(0.9)
      .default(0)
      .describe('receivers differ: each aircraft\'s reach is scaled by a factor drawn uniformly in [1 − s, 1 + s]'),
    terrain_mask: z
      .object({
        from_deg: z.number().min(0).max(360).describe('sector start, degrees true from the jammer (clockwise)'),
        to_deg: z.number().min(0).max(360).describe('sector end, degrees true'),
        below_ft: z.number().positive().describe('aircraft lower than this are shadowed, ft'),
      })
      .optional()
      .describe('terrain that shadows low aircraft in one sector seen from the jammer'),
  })
  .refine(oneStrength, { message: 'give exactly one of radius_km or power_w' })
  .refine(ordered, { message: 'end_s must be after start_s' })
  .describe('a GNSS jammer on the ground');

const spoofer = z
  .object({
    id: z.string().min(1).describe('name, used in the ground truth'),
    lat,
    lon,
    ...strength,
    ...interval,
    false_position: z
      .object({ lat, lon, alt_ft: z.number().default(0).describe('GNSS height the spoofer reports, ft') })
      .describe('where spoofed aircraft believe they are (pattern point) or the centre of the circle'),
    pattern: z
      .enum(['point', 'circle', 'drift'])
      .default('point')
      .describe('point: all at false_position; circle: moving round it; drift: moving away from it along drift_track_deg'),
    circle_radius_km: z.number().positive().default(10).describe('radius of the circle pattern, km'),
    false_speed_kt: z
      .number()
      .min(0)
      .max(1000)
      .optional()
      .describe('speed along the false track (circle: default each aircraft\'s ground speed; drift: default 40)'),
    drift_track_deg: z.number().min(0).max(360).default(90).describe('direction of the drift pattern, degrees true'),
    spoof_height: z
      .boolean()
      .default(true)
      .describe('false: spoofed aircraft keep reporting their true GNSS height (a spoofer that moves positions only)'),
    velocity: z
      .enum(['true', 'coherent'])
      .default('true')
      .describe(
        'ground velocity spoofed aircraft report: true = their real one; coherent = the false track\'s, as a GNSS receiver computes it from the false signals',
      ),
  })
  .refine(oneStrength, { message: 'give exactly one of radius_km or power_w' })
  .refine(ordered, { message: 'end_s must be after start_s' })
  .describe('a GNSS spoofer on the ground: aircraft in range report its false position with healthy integrity');

export const ScenarioSchema = z
  .object({
    name: z.string().min(1).describe('scenario name'),
    seed: z.number().int().min(0).max(0xffffffff).describe('PRNG seed: the same seed gives byte-identical output'),
    start: z.iso.datetime({ offset: true }).describe('start time, ISO 8601 (e.g. 2024-10-01T06:00:00Z)'),
    duration_s: z.number().positive().max(86400).describe('length of the simulation, s'),
    area: z
      .object({ lat_min: lat, lat_max: lat, lon_min: lon, lon_max: lon })
      .refine((a) => a.lat_max > a.lat_min && a.lon_max > a.lon_min, { message: 'area needs lat_max > lat_min and lon_max > lon_min' })
      .describe('bounding box: aircraft outside it send nothing'),
    traffic,
    rates: rates.default({ position_s: 1, velocity_s: 2, ident_s: 10, status_s: 5, commb_s: 4 }),
    receivers: z.array(receiver).min(1).describe('ground receivers; a frame is kept when one of them hears it'),
    jammers: z.array(jammer).default([]).describe('GNSS jammers'),
    spoofers: z.array(spoofer).default([]).describe('GNSS spoofers'),
    coverage_holes: z
      .array(
        z
          .object({ lat, lon, radius_km: z.number().positive().max(1000).describe('radius, km') })
          .describe('a circle no receiver hears into (terrain, a gap between receivers)'),
      )
      .default([])
      .describe('reception gaps: aircraft inside are unheard'),
    gnss_loss_behaviour: z
      .union([gnssLoss, z.array(gnssLoss).min(1)])
      .default('nic0')
      .describe(`${gnssLoss.description}. A list is a mix: each aircraft picks one`),
    coast_step_s: z.number().positive().default(60).describe('coast: seconds per NIC/NACp step down'),
  })
  .describe('a gnsswatch simulation scenario');

export type Scenario = z.output<typeof ScenarioSchema>;
export type ScenarioInput = z.input<typeof ScenarioSchema>;
export type GnssLoss = z.output<typeof gnssLoss>;

/** Validate scenario JSON; throws one line naming the file, the field and the problem. */
export function parseScenario(json: unknown, source = 'scenario'): Scenario {
  const r = ScenarioSchema.safeParse(json);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  const path = issue.path.length ? issue.path.join('.') : '(top level)';
  throw new Error(`${source}: ${path}: ${issue.message}; fix the scenario file (see README "Scenario format")`);
}

/**
 * Effective radius of a jammer or spoofer for an aircraft at `alt_ft`, km:
 *   r(h) = min(R × sqrt(h / ref_alt), horizon(h))
 * R is radius_km, or from power_w by free-space loss at L1 (see radiusFromPower), times `scale`
 * (a jammer's antenna pattern and the aircraft's susceptibility).
 * The sqrt term models terrain and antenna shadowing at low altitude (low aircraft near
 * airports are less affected); horizon(h) = 4.12 × (sqrt(h_m) + sqrt(2 m)) km is the radio
 * horizon over a 4/3 Earth for a transmitter 2 m above ground.
 */
export function effectiveRadiusKm(src: { radius_km?: number; power_w?: number; ref_alt_ft: number }, alt_ft: number, scale = 1): number {
  const h = Math.max(alt_ft, 0);
  return Math.min(referenceRadiusKm(src) * scale * Math.sqrt(h / src.ref_alt_ft), radioHorizonKm(h * FT_TO_M, 2));
}

/** R: a jammer's or spoofer's radius at its ref_alt_ft, given or from its power (the schema requires one of them). */
export function referenceRadiusKm(src: { radius_km?: number; power_w?: number }): number {
  return src.radius_km ?? radiusFromPower(src.power_w ?? 0);
}

/**
 * Free-space radius at which a jammer of `power_w` overpowers GPS L1 C/A, km: the received
 * jamming power must exceed the -130 dBm GPS signal by a 40 dB J/S tracking threshold, after a
 * 10 dB loss from the aircraft's upward-looking antenna. FSPL(dB) = 20 log10(d_km) + 20 log10(1575.42) + 32.44.
 */
export function radiusFromPower(power_w: number): number {
  const txDbm = 10 * Math.log10(power_w * 1000);
  const thresholdDbm = -130 + 40;
  const fsplMax = txDbm - 10 - thresholdDbm;
  return 10 ** ((fsplMax - 20 * Math.log10(1575.42) - 32.44) / 20);
}

/** Markdown description of the scenario format, generated from the schema's descriptions. */
export const SCENARIO_DOC: string = docOf(ScenarioSchema);

function docOf(schema: z.ZodType): string {
  const lines = [
    '## Scenario format',
    '',
    'A scenario is one JSON file (`scenarios/*.json`). Times are seconds after `start`.',
    '',
    '| field | type | meaning |',
    '|---|---|---|',
  ];
  walk(schema, '', lines);
  lines.push(
    '',
    'Effective radius of a jammer or spoofer for an aircraft at altitude h: ' +
      '`r(h) = min(R × sqrt(h / ref_alt_ft), 4.12 × (sqrt(h_m) + sqrt(2)) km)`, with R = radius_km or the free-space ' +
      'radius of power_w at GPS L1 (J/S 40 dB over a −130 dBm signal, 10 dB antenna loss). Low aircraft near airports are less affected.',
    'A receiver hears an aircraft within both its range_km and the radio horizon between them; each frame is kept once, named for the nearest receiver.',
    'Spoofing wins over jamming when an aircraft is inside both.',
    'A directional jammer\'s R falls smoothly from radius_km toward bearing_deg to radius_km / front_back away from it: ' +
      'R(θ) = radius_km × (1/fb + (1 − 1/fb) × (1 + cos(θ − bearing_deg)) / 2); each aircraft\'s susceptibility factor multiplies it.',
  );
  return lines.join('\n');
}

function walk(schema: z.ZodType, path: string, out: string[]): void {
  const inner = unwrap(schema);
  const desc = schema.description ?? inner.description ?? '';
  if (inner instanceof z.ZodObject) {
    if (path) out.push(`| \`${path}\` | object | ${desc} |`);
    for (const [k, v] of Object.entries(inner.shape)) walk(v as z.ZodType, path ? `${path}.${k}` : k, out);
  } else if (inner instanceof z.ZodArray) {
    out.push(`| \`${path}\` | array | ${desc} |`);
    walk(inner.element as z.ZodType, `${path}[]`, out);
  } else {
    out.push(`| \`${path}\` | ${typeName(inner)} | ${desc}${defaultOf(schema)} |`);
  }
}

function unwrap(s: z.ZodType): z.ZodType {
  let cur: z.ZodType = s;
  for (;;) {
    if (cur instanceof z.ZodDefault || cur instanceof z.ZodOptional) cur = cur.unwrap() as z.ZodType;
    else if (cur instanceof z.ZodPipe) cur = cur.in as z.ZodType;
    else return cur;
  }
}

function typeName(s: z.ZodType): string {
  if (s instanceof z.ZodEnum) return s.options.map((o) => `'${String(o)}'`).join(' \\| ');
  if (s instanceof z.ZodUnion) return s.options.map((o) => typeName(unwrap(o as z.ZodType))).join(' \\| ');
  if (s instanceof z.ZodLiteral) return String(s.value);
  if (s instanceof z.ZodTuple) return `[${s.def.items.map((i) => typeName(unwrap(i as z.ZodType))).join(', ')}]`;
  if (s instanceof z.ZodArray) return `(${typeName(unwrap(s.element as z.ZodType))})[]`;
  return s.def.type;
}

function defaultOf(s: z.ZodType): string {
  if (s instanceof z.ZodDefault) return ` (default ${JSON.stringify(s.def.defaultValue)})`;
  if (s instanceof z.ZodOptional) return ' (optional)';
  return '';
}
