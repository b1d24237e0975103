/** The interference map: wires the API, the map layers, the panels, the timeline and the URL hash. */
import { LngLatBounds, Map as MapLibreMap, NavigationControl, Popup, ScaleControl } from 'maplibre-gl';
import type { Feature, FeatureCollection } from 'geojson';
import type { InterferenceEvent, Method } from '../../src/detect/types.ts';
import { api, type Range, type Stats, type Track } from './api.ts';
import { chooseStyle, STYLE_STORAGE_KEY } from './basemap.ts';
import { CellData } from './cell-data.ts';
import { circleRing } from './circle.ts';
import { hideDetail, onDetailClose, showCell, showEvent } from './detail-panel.ts';
import { renderEvents } from './events-panel.ts';
import { cellRing, cellsToFeatures } from './hexagons.ts';
import { byId, esc } from './html.ts';
import { addOverlays, clearOverlay, setOverlay } from './layers.ts';
import { showAlerts } from './alerts-panel.ts';
import { legendHtml } from './legend.ts';
import { connectLive } from './live.ts';
import { decodeHash, encodeHash, type ViewState } from './state.ts';
import { BUCKETS, bucketFloor } from './time.ts';
import { Timeline } from './timeline.ts';
import { trackFeatures } from './tracks.ts';
import { contains, MAX_SPAN, windowAround, windowsBack } from './window.ts';

const MAX_SPOOF_TRACKS = 40;
const EVENT_BATCH = 12; // windows of 31 days asked at once: a year of data
const MAX_EVENT_WINDOWS = 120; // ten years: older data is not searched for events

const state: ViewState = decodeHash(location.hash);
const linkHasView = /(^#|&)map=/.test(location.hash);
let stats: Stats;
let data: CellData;
let events: InterferenceEvent[] = [];
let map: MapLibreMap;
/** The window of at most 31 days the slider spans (the data may cover years). */
let win: Range = { from: 0, to: 0 };
const timeline = new Timeline((t) => {
  state.t = t;
  void drawCells().catch(fail);
});

function status(msg: string | null): void {
  const el = byId('status');
  el.hidden = !msg;
  el.textContent = msg ?? '';
}

function fail(e: unknown): void {
  status(e instanceof Error ? e.message : String(e));
}

function saveHash(): void {
  const c = map.getCenter();
  Object.assign(state, { lat: c.lat, lon: c.lng, zoom: map.getZoom() });
  history.replaceState(null, '', encodeHash(state));
}

function dataRange(): Range | null {
  return stats.from === null || stats.to === null ? null : { from: stats.from, to: stats.to };
}

/** Shows time `t`, loading the window around it first when it lies outside the current one. */
async function goTo(t: number): Promise<void> {
  if (contains(win, t)) timeline.setTime(t);
  else await loadCells(t);
}

let drawSeq = 0;
async function drawCells(): Promise<void> {
  if (state.t === null) return;
  const seq = ++drawSeq;
  const rows = await data.at(state.t);
  if (seq !== drawSeq) return; // a newer time was chosen while this one loaded
  setOverlay(map, 'cells', cellsToFeatures(rows));
  map.once('idle', () => (document.body.dataset.cellsDrawn = String(rows.length)));
  map.triggerRepaint();
  saveHash();
}

/**
 * Loads the cells of the window around `t` (default: the current time, else the newest data) and
 * shows `t`, or the window's busiest bucket when no time was asked for.
 */
async function loadCells(t: number | null = state.t): Promise<void> {
  const d = dataRange();
  data = new CellData(state.res, state.method, state.bucket);
  byId('legend').innerHTML = legendHtml(state.method);
  if (!d) {
    status('No data yet: feed the server frames (gnsswatch ingest, or serve with a feed) and reload.');
    document.body.dataset.cellsDrawn = '0';
    return;
  }
  const inData = t !== null && contains(d, t);
  // One bucket shorter than the API limit, so that flooring its start to the bucket stays within it.
  win = windowAround(inData ? t : d.to, d, MAX_SPAN - state.bucket);
  status('Loading cells…');
  await data.preload({ from: bucketFloor(win.from, state.bucket), to: win.to });
  status(null);
  timeline.setRange(win.from, win.to, state.bucket, inData ? t : (data.busiest() ?? win.to));
  state.t = timeline.time;
  await Promise.all([drawCells(), drawSpoofing()]);
}

/** Events, newest first a year at a time, until as many were found as the stats count. */
async function loadEvents(): Promise<void> {
  const d = dataRange();
  const found = new Map<string, InterferenceEvent>();
  const windows = d ? windowsBack(d, MAX_EVENT_WINDOWS) : [];
  for (let i = 0; i < windows.length && found.size < stats.events; i += EVENT_BATCH) {
    const batch = await Promise.all(windows.slice(i, i + EVENT_BATCH).map((w) => api.events(w)));
    for (const e of batch.flatMap((b) => b.events)) found.set(e.id, e); // one crossing two windows comes twice
  }
  events = [...found.values()];
  renderEvents(events, state.event, (id) => void selectEvent(id).catch(fail));
}

/** Where to open when the link does not say: the newest event, else the busiest bucket of the newest data. */
function openingTime(): number | null {
  if (state.t !== null) return state.t;
  const last = events.reduce<InterferenceEvent | null>((a, e) => (!a || e.start > a.start ? e : a), null);
  return last ? Math.floor((last.start + last.end) / 2) : null;
}

function clearSelection(): void {
  state.event = null;
  for (const id of ['tracks', 'event-area', 'event-source', 'selected-cell'] as const) clearOverlay(map, id);
  hideDetail();
  renderEvents(events, null, (id) => void selectEvent(id).catch(fail));
  saveHash();
}

async function selectEvent(id: string): Promise<void> {
  const { event: e, tracks } = await api.event(id);
  state.event = id;
  renderEvents(events, id, (i) => void selectEvent(i).catch(fail));
  showEvent(e, tracks);
  setOverlay(map, 'tracks', trackFeatures(tracks));
  clearOverlay(map, 'selected-cell');
  const bounds = new LngLatBounds();
  for (const c of e.cells) for (const p of cellRing(c)) bounds.extend(p);
  const points: FeatureCollection = { type: 'FeatureCollection', features: [] };
  const area: FeatureCollection = { type: 'FeatureCollection', features: [] };
  if (e.source) {
    const ring = circleRing(e.source.lat, e.source.lon, Math.max(e.source.uncertainty_km, 0.5));
    for (const p of ring) bounds.extend(p);
    area.features.push({ type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [ring] } });
    points.features.push({ type: 'Feature', properties: { role: 'source' }, geometry: { type: 'Point', coordinates: [e.source.lon, e.source.lat] } });
  }
  // Where the spoofer made aircraft appear: part of the event, so shown with or without the spoofing layer.
  for (const p of e.false_points ?? []) {
    bounds.extend([p.lon, p.lat]);
    points.features.push({ type: 'Feature', properties: { role: 'false' }, geometry: { type: 'Point', coordinates: [p.lon, p.lat] } });
  }
  setOverlay(map, 'event-area', area);
  setOverlay(map, 'event-source', points);
  // Show the event at its middle, where it is most likely fully developed.
  await goTo(Math.floor((e.start + e.end) / 2));
  if (!bounds.isEmpty()) map.fitBounds(bounds, { padding: { top: 60, bottom: 60, left: 340, right: 440 }, maxZoom: 8, duration: 800 });
  saveHash();
}

/** Without a view in the link, open on the shown bucket's cells rather than the whole world. */
async function fitToCells(): Promise<void> {
  if (state.t === null) return;
  const bounds = new LngLatBounds();
  for (const c of await data.at(state.t)) bounds.extend(cellRing(c.cell)[0]);
  if (!bounds.isEmpty()) map.fitBounds(bounds, { padding: { top: 40, bottom: 40, left: 340, right: 60 }, maxZoom: 7, duration: 0 });
}

async function selectCell(cell: string): Promise<void> {
  if (state.t === null) return;
  setOverlay(map, 'selected-cell', { type: 'FeatureCollection', features: [{ type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [cellRing(cell)] } }] });
  const h = await api.cellHistory(cell, win, state.method, state.bucket);
  const now = (await data.at(state.t)).find((c) => c.cell === cell);
  showCell(cell, now, h, (icao) => void showAircraft(icao).catch(fail));
}

/** One aircraft's track around the shown time (± 3 h), coloured by integrity. */
async function showAircraft(icao: string): Promise<void> {
  const t = state.t ?? 0;
  const tr = await api.track(icao, { from: t - 3 * 3600, to: t + state.bucket + 3 * 3600 });
  setOverlay(map, 'tracks', trackFeatures([tr]));
}

let spoofSeq = 0;
/** The window whose spoofing is on the map ('' = none), so moving within it refetches nothing. */
let spoofDrawn = '';

function spoofingDrawn(tracks: number, falsePoints: number): void {
  document.body.dataset.spoofedDrawn = String(tracks);
  document.body.dataset.falsePointsDrawn = String(falsePoints);
}

/** Spoofed aircraft of the current window and the false positions of its spoofing events. */
async function drawSpoofing(): Promise<void> {
  const seq = ++spoofSeq;
  const key = `${win.from}-${win.to}`;
  if (!state.spoof || !dataRange()) {
    clearOverlay(map, 'spoof-tracks');
    clearOverlay(map, 'false-points');
    spoofDrawn = '';
    spoofingDrawn(0, 0);
    return;
  }
  if (key === spoofDrawn) return;
  const { spoofed } = await api.spoofed(win);
  const tracks: Track[] = await Promise.all(
    spoofed.slice(0, MAX_SPOOF_TRACKS).map((s) => {
      const from = Math.min(...s.intervals.map((i) => i[0])) - 600;
      const to = Math.max(...s.intervals.map((i) => i[1])) + 600;
      return api.track(s.icao, { from, to });
    }),
  );
  if (seq !== spoofSeq) return; // toggled off or moved to another window meanwhile
  const falsePoints = events
    .filter((e) => e.kind === 'spoofing' && e.start <= win.to && e.end >= win.from)
    .flatMap((e) => e.false_points ?? [])
    .map((p): Feature => ({ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [p.lon, p.lat] } }));
  const lines = trackFeatures(tracks);
  setOverlay(map, 'spoof-tracks', lines);
  setOverlay(map, 'false-points', { type: 'FeatureCollection', features: falsePoints });
  spoofDrawn = key;
  map.once('idle', () => spoofingDrawn(tracks.filter((t) => t.points.length > 1).length, falsePoints.length));
  map.triggerRepaint();
}

function fillSelect(id: string, options: readonly { value: string; label: string }[], value: string, onChange: (v: string) => void): void {
  const el = byId<HTMLSelectElement>(id);
  el.innerHTML = options.map((o) => `<option value="${esc(o.value)}">${esc(o.label)}</option>`).join('');
  el.value = value;
  el.addEventListener('change', () => onChange(el.value));
}

function wireControls(): void {
  const buckets = BUCKETS.filter((b) => stats.buckets.length === 0 || stats.buckets.includes(b.seconds));
  fillSelect('bucket', buckets.map((b) => ({ value: String(b.seconds), label: b.label })), String(state.bucket), (v) => {
    state.bucket = Number(v);
    void loadCells().catch(fail);
  });
  const resolutions = stats.resolutions.length ? stats.resolutions : [state.res];
  if (!resolutions.includes(state.res)) state.res = resolutions[0];
  fillSelect('res', resolutions.map((r) => ({ value: String(r), label: `H3 ${r}` })), String(state.res), (v) => {
    state.res = Number(v);
    void loadCells().catch(fail);
  });
  const method = byId<HTMLSelectElement>('method');
  method.value = state.method;
  method.addEventListener('change', () => {
    state.method = method.value as Method;
    void loadCells().catch(fail);
  });
  const spoof = byId<HTMLInputElement>('spoof');
  spoof.checked = state.spoof;
  spoof.addEventListener('change', () => {
    state.spoof = spoof.checked;
    saveHash();
    void drawSpoofing().catch(fail);
  });
  const day = byId<HTMLInputElement>('day');
  if (stats.from !== null && stats.to !== null) {
    day.min = new Date(stats.from * 1000).toISOString().slice(0, 10);
    day.max = new Date(stats.to * 1000).toISOString().slice(0, 10);
  }
  day.addEventListener('change', () => {
    const t = Date.parse(`${day.value}T00:00:00Z`) / 1000;
    if (Number.isFinite(t)) void goTo(t).catch(fail);
  });
  onDetailClose(clearSelection);
  wireStyleSettings();
}

function wireStyleSettings(): void {
  const btn = byId('settings-btn');
  const form = byId<HTMLFormElement>('settings');
  const input = byId<HTMLInputElement>('style-url');
  input.value = localStorage.getItem(STYLE_STORAGE_KEY) ?? '';
  btn.addEventListener('click', () => {
    form.hidden = !form.hidden;
    btn.setAttribute('aria-expanded', String(!form.hidden));
    if (!form.hidden) input.focus();
  });
  const apply = (url: string) => {
    if (url) localStorage.setItem(STYLE_STORAGE_KEY, url);
    else localStorage.removeItem(STYLE_STORAGE_KEY);
    location.reload(); // the overlays are re-added on the new style's load
  };
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    apply(input.value.trim());
  });
  byId('style-reset').addEventListener('click', () => apply(''));
  document.addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && !form.hidden) {
      form.hidden = true;
      btn.setAttribute('aria-expanded', 'false');
    }
  });
}

function wireMapInteraction(): void {
  const hover = new Popup({ closeButton: false, closeOnClick: false, className: 'hover' });
  map.on('mousemove', 'cells-fill', (e) => {
    const p = e.features?.[0]?.properties as { share_pct: number; aircraft: number; band: string } | undefined;
    if (!p) return;
    map.getCanvas().style.cursor = 'pointer';
    hover.setLngLat(e.lngLat).setHTML(`<strong>${Number(p.share_pct).toFixed(1)} %</strong> degraded<br>${p.aircraft} aircraft · ${esc(p.band)}`).addTo(map);
  });
  map.on('mouseleave', 'cells-fill', () => {
    map.getCanvas().style.cursor = '';
    hover.remove();
  });
  map.on('click', 'cells-fill', (e) => {
    const cell = e.features?.[0]?.properties?.cell as string | undefined;
    if (cell) void selectCell(cell).catch(fail);
  });
  map.on('moveend', saveHash);
}

function setLive(connected: boolean, live: boolean): void {
  const el = byId('live');
  el.className = `live ${connected && live ? 'on' : connected ? 'idle' : 'off'}`;
  el.textContent = connected && live ? 'live' : connected ? 'connected' : 'offline';
}

function wireLive(): void {
  let reloadTimer: ReturnType<typeof setTimeout> | null = null;
  connectLive({
    state: setLive,
    message(m) {
      if (m.type === 'events') {
        const byIdMap = new Map(events.map((e) => [e.id, e]));
        for (const e of m.events) byIdMap.set(e.id, e);
        events = [...byIdMap.values()];
        renderEvents(events, state.event, (id) => void selectEvent(id).catch(fail));
        return;
      }
      if (m.type !== 'cells' || m.res !== state.res || m.method !== state.method) return;
      const follow = timeline.isLast;
      stats.from ??= m.bucket_start;
      stats.to = Math.max(stats.to ?? 0, m.bucket_start + m.bucket - 1);
      if (m.bucket === state.bucket) {
        data.merge(m.bucket_start, m.cells);
        const t = follow ? m.bucket_start : (state.t ?? m.bucket_start);
        if (follow) win = windowAround(t, dataRange()!);
        timeline.setRange(win.from, win.to, state.bucket, t);
        state.t = timeline.time;
        status(null); // data has arrived: "no data yet" no longer holds
        if (follow || state.t === m.bucket_start) void drawCells().catch(fail);
      } else if (!reloadTimer) {
        // Coarser buckets change with every minute closed: refresh them at most every 30 s.
        reloadTimer = setTimeout(() => {
          reloadTimer = null;
          void loadCells().catch(fail);
        }, 30_000);
      }
    },
  });
}

async function start(): Promise<void> {
  const [config, s] = await Promise.all([api.config().catch(() => ({ style_url: null, live: false })), api.stats()]);
  stats = s;
  map = new MapLibreMap({
    container: 'map',
    style: chooseStyle(config.style_url),
    center: [state.lon, state.lat],
    zoom: state.zoom,
    attributionControl: { compact: true },
    renderWorldCopies: true,
  });
  map.addControl(new NavigationControl({ visualizePitch: false }), 'top-right');
  map.addControl(new ScaleControl({ unit: 'metric' }), 'bottom-right');
  await new Promise<void>((resolve) => map.once('load', () => resolve()));
  addOverlays(map);
  wireControls();
  wireMapInteraction();
  await loadEvents();
  await loadCells(openingTime());
  if (state.event) await selectEvent(state.event);
  else if (!linkHasView) await fitToCells();
  window.addEventListener('hashchange', () => void applyHash().catch(fail));
  wireLive();
  void showAlerts(map).catch(fail);
}

/** A link pasted into the address bar of an open map: apply it without a reload. */
async function applyHash(): Promise<void> {
  const next = decodeHash(location.hash);
  const reload = next.bucket !== state.bucket || next.res !== state.res || next.method !== state.method;
  const event = next.event !== state.event ? next.event : null;
  Object.assign(state, next);
  map.jumpTo({ center: [next.lon, next.lat], zoom: next.zoom });
  byId<HTMLInputElement>('spoof').checked = next.spoof;
  for (const id of ['bucket', 'res', 'method']) byId<HTMLSelectElement>(id).value = String(next[id as 'bucket' | 'res' | 'method']);
  if (reload) await loadCells();
  else if (next.t !== null) await goTo(next.t);
  await drawSpoofing();
  if (event) await selectEvent(event);
}

start().catch(fail);
