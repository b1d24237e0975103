/**
 * What the tracker remembers about one aircraft between frames. Plain numbers (NaN or -1
 * for absent) so updating it allocates nothing.
 */
import type { IcaoHex, SourceName } from '../contracts.ts';

export class TrackedAircraft {
  seen = 0; // last frame time, tracker clock
  source: SourceName = 'adsb';

  // The latest even and odd CPR halves (17-bit fields) and when they came.
  evenLat = -1;
  evenLon = -1;
  evenT = NaN;
  evenSurface = false;
  oddLat = -1;
  oddLon = -1;
  oddT = NaN;
  oddSurface = false;

  // The tracker's own reference position: only plausible positions move it.
  lat = NaN;
  lon = NaN;
  posT = NaN;
  // A position rejected as a jump; adopted if the next one agrees with it.
  candLat = NaN;
  candLon = NaN;
  candT = NaN;

  altBaro = NaN; // ft
  altBaroT = NaN;
  geomMinusBaro = NaN; // ft
  geomMinusBaroT = NaN;
  groundspeed = NaN;
  track = NaN;
  verticalRate = NaN;
  trueAirspeed = NaN;
  trueAirspeedT = NaN;
  // Air data from Comm-B BDS 6,0 (or an ADS-B airspeed message's heading) and when it came.
  indicatedAirspeed = NaN;
  mach = NaN;
  magHeading = NaN;
  airDataT = NaN;
  categoryCode = -1; // readsb encoding, e.g. 0xA3
  category = ''; // its name, e.g. 'A3'
  callsign = '';
  onGround = false;

  // Integrity carried from operational status (TC31) and target state (TC29).
  version = -1;
  nicA = -1;
  nicC = -1;
  nacP = -1;
  sil = -1;

  constructor(readonly hex: IcaoHex) {}
}
