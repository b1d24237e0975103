/**
 * What the user is looking at, kept in the URL hash so a link reproduces the view:
 *   #map=ZOOM/LAT/LON&t=UNIX&bucket=SECONDS&res=N&method=nacp|nic&event=ID&spoof=1&cmp=UNIX&rx=0
 * Values that are missing or invalid fall back to the defaults, so a damaged link still opens.
 */
import type { Method } from '../../src/detect/types.ts';
import { BUCKETS } from './time.ts';

export interface ViewState {
  lat: number;
  lon: number;
  zoom: number;
  /** Start of the shown bucket, unix seconds; null = choose from the data. */
  t: number | null;
  bucket: number;
  res: number;
  method: Method;
  event: string | null;
  spoof: boolean;
  /** Compare mode: the start of the bucket shown beside the main map; null = not comparing. */
  cmp: number | null;
  /** The receiver layer is shown (when the server has receivers with positions). */
  receivers: boolean;
}

export const DEFAULT_STATE: Readonly<ViewState> = {
  lat: 30,
  lon: 20,
  zoom: 1.6,
  t: null,
  bucket: 3600,
  res: 4,
  method: 'nacp',
  event: null,
  spoof: false,
  cmp: null,
  receivers: true,
};

function finite(s: string | null | undefined, lo: number, hi: number): number | null {
  if (s == null || s === '') return null;
  const n = Number(s);
  return Number.isFinite(n) && n >= lo && n <= hi ? n : null;
}

export function encodeHash(s: ViewState): string {
  const p = new URLSearchParams();
  p.set('map', `${s.zoom.toFixed(2)}/${s.lat.toFixed(4)}/${s.lon.toFixed(4)}`);
  if (s.t !== null) p.set('t', String(s.t));
  p.set('bucket', String(s.bucket));
  p.set('res', String(s.res));
  p.set('method', s.method);
  if (s.event !== null) p.set('event', s.event);
  if (s.spoof) p.set('spoof', '1');
  if (s.cmp !== null) p.set('cmp', String(s.cmp));
  if (!s.receivers) p.set('rx', '0');
  // URLSearchParams escapes '/', which would make the hash harder to read and edit by hand.
  return '#' + p.toString().replace(/%2F/g, '/');
}

export function decodeHash(hash: string): ViewState {
  const p = new URLSearchParams(hash.replace(/^#/, ''));
  const s: ViewState = { ...DEFAULT_STATE };
  const [z, lat, lon] = (p.get('map') ?? '').split('/');
  const zn = finite(z, 0, 24);
  const latn = finite(lat, -90, 90);
  const lonn = finite(lon, -540, 540);
  if (zn !== null && latn !== null && lonn !== null) Object.assign(s, { zoom: zn, lat: latn, lon: lonn });
  const t = finite(p.get('t'), 0, 1e11);
  if (t !== null) s.t = Math.floor(t);
  const bucket = finite(p.get('bucket'), 1, 1e7);
  if (bucket !== null && BUCKETS.some((b) => b.seconds === bucket)) s.bucket = bucket;
  const res = finite(p.get('res'), 0, 15);
  if (res !== null && Number.isInteger(res)) s.res = res;
  const method = p.get('method');
  if (method === 'nacp' || method === 'nic') s.method = method;
  const event = p.get('event');
  if (event) s.event = event;
  s.spoof = p.get('spoof') === '1';
  const cmp = finite(p.get('cmp'), 0, 1e11);
  if (cmp !== null) s.cmp = Math.floor(cmp);
  s.receivers = p.get('rx') !== '0';
  return s;
}
