/** Records produced by detection (README "Architecture", records). Times are unix seconds. */

export type Method = 'nacp' | 'nic';
export type Band = 'low' | 'medium' | 'high';

/** Per aircraft, per H3 cell, per time bucket. */
export interface AircraftBucket {
  bucket_start: number;
  bucket_seconds: number;
  res: number;
  method: Method;
  cell: string; // H3 index string
  icao: string;
  degraded: boolean;
  /** Why it was degraded ('nacp<=2', 'tc0', 'nic<7', …) or '' when healthy. */
  reason: string;
  /** The aircraft was placed here from its last good or dead-reckoned position, not a reported one. */
  estimated: boolean;
}

/** Per H3 cell and time bucket. */
export interface CellBucket {
  bucket_start: number;
  bucket_seconds: number;
  res: number;
  method: Method;
  cell: string;
  healthy: number;
  degraded: number;
  share_pct: number;
  band: Band;
}

export interface SourceEstimate {
  lat: number;
  lon: number;
  uncertainty_km: number;
}

/** An interference episode. */
export interface InterferenceEvent {
  id: string;
  kind: 'jamming' | 'spoofing';
  start: number;
  end: number;
  cells: string[];
  aircraft: string[];
  source: SourceEstimate | null;
  /** Spoofing: the false position(s) aircraft were moved to. */
  false_points?: { lat: number; lon: number }[];
  peak_share_pct?: number;
}

/** A spoofing check that fired. */
export interface SpoofCheck {
  check:
    | 'implied_speed'
    | 'position_jump'
    | 'gnss_baro'
    | 'out_of_range'
    | 'convergence'
    | 'flight_envelope'
    | 'air_data'
    | 'gap_jump'
    | 'circling';
  t: number;
  detail: string;
}

export interface SpoofedAircraft {
  icao: string;
  callsign: string;
  intervals: [number, number][];
  checks: SpoofCheck[];
}
