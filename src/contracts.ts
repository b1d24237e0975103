/**
 * The records that cross stage boundaries: sources and the tracker emit Fix and Evidence into a
 * TrackSink; detect and ingest consume them. Every stage imports them from here, none from another.
 */
import type { MessageSource } from './modes/record.ts';

/** A 24-bit aircraft address as 6 lowercase hex digits ('4840d6'). */
export type IcaoHex = string;

/** An H3 cell index as h3-js writes it ('841f053ffffffff'). */
export type H3Cell = string;

/** A receiver's position and radio range: where it can hear aircraft. */
export interface ReceiverRange {
  lat: number;
  lon: number;
  range_km: number;
}

/** Where a fix came from: a decoded message's source, multilateration, or a readsb trace file. */
export type SourceName = MessageSource | 'mlat' | 'trace';

/** One resolved aircraft position with its integrity. */
export interface Fix {
  t: number; // unix seconds
  icao: IcaoHex; // (a '~' prefix for non-ICAO TIS-B addresses is not used: see source)
  lat: number;
  lon: number;
  alt_baro?: number; // ft
  alt_geom?: number; // ft, GNSS height
  ground: boolean;
  nic: number; // 0-11
  rc: number; // containment radius, metres; NaN when unknown
  nac_p?: number;
  sil?: number;
  version: number; // ADS-B version 0/1/2; -1 unknown
  source: SourceName;
  callsign?: string;
  groundspeed?: number; // kt, last reported
  track?: number; // degrees, last reported
  vertical_rate?: number; // ft/min
  receiver?: string;
  /** Emitter category as readsb writes it ('A3', 'B1', …), when known. */
  category?: string;
  // Air data, reported within the last minute (Comm-B BDS 5,0 / 6,0, ADS-B airspeed, readsb): not from GNSS.
  tas?: number; // kt, true airspeed
  ias?: number; // kt, indicated airspeed
  mach?: number;
  mag_heading?: number; // degrees, magnetic heading
}

/**
 * Integrity evidence that comes without a position: a type code 0 airborne position message (no
 * position available). A NACp report (TC29/TC31) reaches downstream on the aircraft's next fixes.
 */
export interface Evidence {
  t: number;
  icao: IcaoHex;
  kind: 'no_position';
  alt_baro?: number;
  receiver?: string;
}

/** What the tracker pushes downstream. */
export interface TrackSink {
  fix(fix: Fix): void;
  evidence(ev: Evidence): void;
}
