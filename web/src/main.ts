/** The interference map: wires the API, the map layers, the panels, the timeline and the URL hash. */
import { LngLatBounds, Map as MapLibreMap, NavigationControl, ScaleControl } from 'maplibre-gl';
import type { Feature, FeatureCollection } from 'geojson';
import type { InterferenceEvent, Method } from '../../src/detect/types.ts';
import { api, ApiError, type Config, type Range, type Stats, type Track } from './api.ts';
import { chooseStyle, STYLE_STORAGE_KEY } from './basemap.ts';
import { CELL_LAYERS, wireCellHover } from './cell-hover.ts';
import { CellData } from './cell-data.ts';
import { ComparePane } from './compare.ts';
import { circleRing } from './circle.ts';
import { busiestSlot, extent, fetchCoverage, findDataDay, nearestSlot, slotAt, type Coverage } from './coverage.ts';
import { hideDetail, onDetailClose, showCell, showEvent } from './detail-panel.ts';
import { renderEvents } from './events-panel.ts';
import { cellRing } from '../../src/detect/geojson.ts';
import { cellsToFeatures, coreBox, persistentPoints } from './hexagons.ts';
import { byId, esc } from './html.ts';
import { closeMenu, coveringPanels, foldEvents, phone, wireLayout } from './layout.ts';
import { addOverlays, clearOverlay, setOverlay } from './layers.ts';
import { showAlerts } from './alerts-panel.ts';
import { legendHtml } from './legend.ts';
import { applyEventsMessage, connectLive } from './live.ts';
import { fitPadding } from './padding.ts';
import { showPlaces } from './places.ts';
import { receiverFeatures, wireReceiverHover } from './receivers.ts';
import { decodeHash, encodeHash, type ViewState } from './state.ts';
import { BUCKETS, bucketFloor, bucketWord, formatUtc, formatWhen, parseWhen } from './time.ts';
import { Timeline } from './timeline.ts';
import { trackFeatures } from './tracks.ts';
import { contains, windowAround, windowsBack } from './window.ts';

const MAX_SPOOF_TRACKS = 40;
const EVENT_BATCH = 12; // windows of the longest query asked at once (31 days: a year of data)
const MAX_EVENT_WINDOWS = 120; // ten years of 31-day windows: older data is not searched for events
/** How far back the newest closed bucket of a live feed is looked for. */
const LIVE_LOOKBACK = 6 * 3600;
const RECEIVERS_REFRESH_MS = 15_000;

const state: ViewState = decodeHash(location.hash);
const linkHasView = /(^#|&)map=/.test(location.hash);
const linkHasBucket = /(^#|&)bucket=/.test(location.hash);
let stats: Stats;
let config: Config = { style_url: null, live: false };
let data: CellData;
let events: InterferenceEvent[] = [];
let map: MapLibreMap;
let compare: ComparePane | undefined;
/** The range the slider spans: the data within a window of at most the longest query around the shown time. */
let win: Range = { from: 0, to: 0 };
/** Where in `win` the data is (for the strip, the "no data here" message and day stepping). */
let coverage: Coverage = { bucket: 3600, slots: [] };
/** The time the user last chose: kept through a coarser bucket, so 1 h → 24 h → 1 h comes back to it. */
let anchor: number | null = state.t;
/** Live: the view moves on to each newly closed bucket while this holds (the user is at the newest). */
let following = false;
/** A note to show with the next drawn bucket (why the shown time differs from the asked one). */
let notice: string | null = null;
let liveConnected = false;
/** Nothing to show yet: the first bucket pushed by a live feed is then shown and followed. */
let awaitingFirst = false;
let resolveReady: () => void = () => {};
/** Settles once the map shows its first bucket: an event chosen earlier is opened then. */
const ready = new Promise<void>((r) => (resolveReady = r));

const timeline = new Timeline({
  change(t) {
    state.t = t;
    anchor = t;
    following = config.live && timeline.isLast;
    showLiveBadge();
    void drawCells().catch(fail);
  },
  day: (dir) => void stepDay(dir).catch(fail),
});

function status(html: string | null): void {
  const el = byId('status');
  el.hidden = !html;
  el.innerHTML = html ?? '';
}

function fail(e: unknown): void {
  status(esc(e instanceof Error ? e.message : String(e)));
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
  anchor = t;
  if (contains(win, t)) timeline.setTime(t);
  else await loadCells(t);
}

/** Fits the map to `bounds` in the part of the map no panel covers. */
function fitVisible(bounds: LngLatBounds, maxZoom: number, duration: number): void {
  if (bounds.isEmpty()) return;
  const c = map.getContainer();
  map.fitBounds(bounds, { padding: fitPadding(c.clientWidth, c.clientHeight, coveringPanels()), maxZoom, duration });
}

/** An empty bucket says so, and offers the nearest buckets with data. */
function noDataHtml(t: number): string {
  const word = bucketWord(state.bucket);
  const before = nearestSlot(coverage, t, -1);
  const after = nearestSlot(coverage, t, 1);
  const btn = (s: { t: number } | undefined, dir: string, text: string) =>
    s ? `<button type="button" data-go="${s.t}" data-dir="${dir}">${text} ${esc(formatUtc(s.t, coverage.bucket))}</button>` : '';
  return (
    `<span data-testid="no-data">No aircraft positions in this ${word} (${esc(formatUtc(t, state.bucket))}).</span><br>` +
    btn(before, 'back', '◂ Earlier data:') +
    btn(after, 'fwd', 'Later data:') +
    (before || after ? '' : ' <span class="muted">No other data in this period: try «/» or the date box.</span>')
  );
}

let drawSeq = 0;
async function drawCells(): Promise<void> {
  if (state.t === null) return;
  const seq = ++drawSeq;
  const t = state.t;
  const rows = await data.at(t);
  if (seq !== drawSeq) return; // a newer time was chosen while this one loaded
  setOverlay(map, 'cells', cellsToFeatures(rows, stats.limits.confident_min_aircraft));
  setOverlay(map, 'persistent', persistentPoints(rows));
  const note = notice;
  notice = null;
  if (rows.length === 0) status(noDataHtml(t));
  else status(note);
  byId('main-when').textContent = formatUtc(t, state.bucket);
  void map.once('idle', () => {
    document.body.dataset.cellsDrawn = String(rows.length);
    document.body.dataset.lowConfidenceDrawn = String(rows.filter((r) => r.healthy + r.degraded < stats.limits.confident_min_aircraft).length);
    document.body.dataset.persistentDrawn = String(rows.reduce((a, r) => a + (r.persistent ?? 0), 0));
  });
  map.triggerRepaint();
  updateWhen();
  saveHash();
}

/** The UTC time box shows the shown time unless the user is typing in it. */
function updateWhen(): void {
  const box = byId<HTMLInputElement>('when');
  if (document.activeElement !== box && state.t !== null) box.value = formatWhen(state.t);
}

/** The newest bucket with data of a live feed (closed buckets only ever have data), or null. */
async function newestBucket(d: Range): Promise<number | null> {
  const from = Math.max(d.from, d.to - Math.max(LIVE_LOOKBACK, 2 * state.bucket));
  const c = await fetchCoverage({ from, to: d.to }, state.method, state.bucket);
  return c.bucket === state.bucket && c.slots.length ? c.slots[c.slots.length - 1].t : null;
}

/**
 * Loads the cells of the window around `t` (default: the current time, else the newest data) and
 * shows `t`. Without a time: the newest bucket when live, else the window's busiest. `within`:
 * when `t` has no data, show the busiest bucket of that range instead (a day, or a coarser bucket).
 */
async function loadCells(t: number | null = state.t, within?: Range): Promise<void> {
  const d = dataRange();
  data = new CellData(state.res, state.method, state.bucket);
  compare?.regrid();
  byId('legend').innerHTML = legendHtml(state.method, stats.limits);
  if (!d) return noDataYet();
  const inData = t !== null && contains(d, t);
  // One bucket shorter than the API limit, so that flooring its start to the bucket stays within it.
  const around = windowAround(inData ? t : d.to, d, stats.limits.max_span_s - state.bucket);
  status('Loading cells…');
  const [, cov, newest] = await Promise.all([
    data.preload({ from: bucketFloor(around.from, state.bucket), to: around.to }),
    fetchCoverage(around, state.method, state.bucket),
    config.live ? newestBucket(d) : Promise.resolve(null),
  ]);
  coverage = cov;
  if (config.live && newest === null && !extent(cov)) return noDataYet();
  awaitingFirst = false;
  // The slider spans the window's data, not 31 mostly empty days; live, it ends at the newest closed bucket.
  const has = extent(cov);
  win = has ? { from: Math.max(around.from, has.from), to: Math.min(around.to, has.to) } : around;
  if (newest !== null && contains(around, newest)) win.to = newest + state.bucket - 1;
  let target = inData ? t : config.live ? (newest ?? win.to) : (data.busiest() ?? win.to);
  if (within && !slotAt(cov, target)) target = busiestSlot(cov, within)?.t ?? target;
  timeline.setRange(win.from, win.to, state.bucket, target);
  timeline.setMarks(coverage, events);
  if (t !== null && !contains(win, t) && !notice && !(within && contains(within, timeline.time))) {
    notice = `No data at ${esc(formatUtc(t, state.bucket))}: showing the nearest data.`;
  }
  state.t = timeline.time;
  following = config.live && timeline.isLast;
  showLiveBadge();
  await Promise.all([drawCells(), drawSpoofing()]);
}

function noDataYet(): void {
  awaitingFirst = true;
  following = config.live; // the first minute to close will be shown as it comes
  showLiveBadge();
  status(
    config.live
      ? 'No data yet: the first minute of the live feed appears here when it closes.'
      : 'No data yet: feed the server frames (gnsswatch ingest, or serve with a feed) and reload.',
  );
  document.body.dataset.cellsDrawn = '0';
}

/** The previous or next day that has data, at the same time of day when that has data too. */
async function stepDay(dir: -1 | 1): Promise<void> {
  const d = dataRange();
  if (!d || state.t === null) return;
  const want = (anchor ?? state.t) + dir * 86400;
  const day = await findDataDay(d, want, dir, state.method, stats.limits.max_span_s);
  if (day === null) {
    status(`No data ${dir < 0 ? 'before' : 'after'} ${esc(formatUtc(state.t, 86400))}.`);
    return;
  }
  const t = day === bucketFloor(want, 86400) ? want : day;
  await showDay(day, t);
}

/** Shows `t` on `day`; when that bucket is empty, the day's busiest bucket, and pans to it. */
async function showDay(day: number, t: number): Promise<void> {
  const r = { from: day, to: day + 86399 };
  anchor = t;
  if (contains(win, t) && contains(win, day)) {
    const s = slotAt(coverage, t) ? t : (busiestSlot(coverage, r)?.t ?? t);
    timeline.setTime(s);
  } else await loadCells(t, r);
  await fitToCells();
}

/** The UTC box: a day shows its busiest bucket, a time shows that bucket; a day without data the nearest one. */
async function goToWhen(text: string): Promise<void> {
  const box = byId<HTMLInputElement>('when');
  const w = parseWhen(text);
  box.setAttribute('aria-invalid', String(w === null));
  if (!w) {
    status(`"${esc(text)}" is not a UTC date: write 2024-10-05 or 2024-10-05 03:20.`);
    return;
  }
  const d = dataRange();
  if (!d) return;
  const day = bucketFloor(w.t, 86400);
  const after = await findDataDay(d, w.t, 1, state.method, stats.limits.max_span_s);
  const before = after === day ? day : await findDataDay(d, w.t, -1, state.method, stats.limits.max_span_s);
  const near = [after, before].filter((x): x is number => x !== null).sort((a, b) => Math.abs(a - day) - Math.abs(b - day))[0];
  if (near === undefined) return;
  if (near !== day) notice = `No data on ${esc(formatUtc(day, 86400))}: showing the nearest day with data, ${esc(formatUtc(near, 86400))}.`;
  await showDay(near, near === day && !w.day ? w.t : near);
  box.blur();
  updateWhen();
}

/** Events, newest first a year at a time, until as many were found as the stats count. */
async function loadEvents(): Promise<void> {
  const d = dataRange();
  const found = new Map<string, InterferenceEvent>();
  const windows = d ? windowsBack(d, MAX_EVENT_WINDOWS, stats.limits.max_span_s) : [];
  for (let i = 0; i < windows.length && found.size < stats.events; i += EVENT_BATCH) {
    const batch = await Promise.all(windows.slice(i, i + EVENT_BATCH).map((w) => api.events(w)));
    for (const e of batch.flatMap((b) => b.events)) found.set(e.id, e); // one crossing two windows comes twice
  }
  events = [...found.values()];
  renderList();
}

function renderList(): void {
  renderEvents(events, state.event, (id) => void ready.then(() => selectEvent(id)).catch(fail));
}

/** Where to open when the link does not say: live, the newest bucket; else the newest event. */
function openingTime(): number | null {
  if (state.t !== null || config.live) return state.t;
  const last = events.reduce<InterferenceEvent | null>((a, e) => (!a || e.start > a.start ? e : a), null);
  return last ? Math.floor((last.start + last.end) / 2) : null;
}

function clearSelection(): void {
  state.event = null;
  for (const id of ['tracks', 'event-area', 'event-source', 'selected-cell'] as const) clearOverlay(map, id);
  hideDetail();
  renderList();
  saveHash();
}

/** Opens the event a link names; one this database does not have is said in words, not API wording. */
async function openLinkedEvent(id: string): Promise<void> {
  try {
    await selectEvent(id);
  } catch (e) {
    if (!(e instanceof ApiError && e.status === 404)) throw e;
    state.event = null;
    saveHash();
    status(
      `<span data-testid="bad-event">This link points to an event this map does not have (<code>${esc(id)}</code>): ` +
        `it may come from another gnsswatch or an older database. Choose one from the Events list.</span>`,
    );
  }
}

async function selectEvent(id: string): Promise<void> {
  const { event: e, tracks } = await api.event(id);
  state.event = id;
  renderList();
  if (phone()) foldEvents(true); // the map and the event's panel need the room
  closeMenu();
  const bounds = new LngLatBounds();
  const fitTracks = (ts: readonly Track[]) => {
    const b = new LngLatBounds();
    for (const tr of ts) for (const p of tr.points) b.extend([p[2], p[1]]);
    fitVisible(b, 9, 600);
  };
  showEvent(e, tracks, (icao) => {
    const one = tracks.filter((t) => t.icao === icao);
    setOverlay(map, 'tracks', trackFeatures(icao ? one : tracks));
    document.body.dataset.tracksShown = String(icao ? one.length : tracks.length);
    if (icao) fitTracks(one);
    else fitVisible(bounds, 8, 600);
  });
  setOverlay(map, 'tracks', trackFeatures(tracks));
  document.body.dataset.tracksShown = String(tracks.length);
  clearOverlay(map, 'selected-cell');
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
  fitVisible(bounds, 8, 800);
  void map.once('moveend', () => (document.body.dataset.eventShown = id));
  saveHash();
}

/** Fits the map to the shown bucket's cells (opening without a view, or after a jump in time). */
async function fitToCells(): Promise<void> {
  if (state.t === null) return;
  const box = coreBox((await data.at(state.t)).map((c) => c.cell));
  if (box) fitVisible(new LngLatBounds([box[0], box[1]], [box[2], box[3]]), 7, 0);
}

async function selectCell(cell: string): Promise<void> {
  if (state.t === null) return;
  setOverlay(map, 'selected-cell', { type: 'FeatureCollection', features: [{ type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [cellRing(cell)] } }] });
  const h = await api.cellHistory(cell, win, state.method, state.bucket);
  const now = (await data.at(state.t)).find((c) => c.cell === cell);
  showCell(cell, now, h, stats.limits.bands, (icao) => void showAircraft(icao).catch(fail));
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
  void map.once('idle', () => spoofingDrawn(tracks.filter((t) => t.points.length > 1).length, falsePoints.length));
  map.triggerRepaint();
}

function fillSelect(id: string, options: readonly { value: string; label: string }[], value: string, onChange: (v: string) => void): void {
  const el = byId<HTMLSelectElement>(id);
  el.innerHTML = options.map((o) => `<option value="${esc(o.value)}">${esc(o.label)}</option>`).join('');
  el.value = value;
  el.addEventListener('change', () => {
    closeMenu();
    onChange(el.value);
  });
}

/** A new bucket size keeps the chosen time; going finer, an empty bucket gives way to the busiest within the old one. */
function changeBucket(bucket: number): void {
  const old = { t: state.t, bucket: state.bucket };
  state.bucket = bucket;
  if (old.t === null) return void loadCells().catch(fail);
  const inOld = anchor !== null && anchor >= old.t && anchor < old.t + old.bucket;
  const t = inOld ? anchor! : old.t;
  const within = bucket < old.bucket ? { from: old.t, to: old.t + old.bucket - 1 } : undefined;
  void loadCells(t, within)
    .then(() => (anchor = t))
    .catch(fail);
}

function wireControls(): void {
  const buckets = BUCKETS.filter((b) => stats.buckets.length === 0 || stats.buckets.includes(b.seconds));
  fillSelect('bucket', buckets.map((b) => ({ value: String(b.seconds), label: b.label })), String(state.bucket), (v) => changeBucket(Number(v)));
  const resolutions = stats.resolutions.length ? stats.resolutions : [state.res];
  if (!resolutions.includes(state.res)) state.res = resolutions[0];
  fillSelect('res', resolutions.map((r) => ({ value: String(r), label: `H3 ${r}` })), String(state.res), (v) => {
    state.res = Number(v);
    void loadCells().catch(fail);
  });
  const method = byId<HTMLSelectElement>('method');
  method.value = state.method;
  method.addEventListener('change', () => {
    closeMenu();
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
  byId<HTMLFormElement>('when-form').addEventListener('submit', (e) => {
    e.preventDefault();
    void goToWhen(byId<HTMLInputElement>('when').value).catch(fail);
  });
  byId('status').addEventListener('click', (e) => {
    const go = (e.target as HTMLElement).closest<HTMLElement>('[data-go]')?.dataset.go;
    if (go) void goTo(Number(go)).catch(fail);
  });
  byId('live').addEventListener('click', () => {
    if (!config.live || following) return;
    void loadCells(null).catch(fail); // back to the newest bucket, following again
  });
  onDetailClose(clearSelection);
  wireStyleSettings();
  byId('compare-btn').addEventListener('click', () => {
    closeMenu();
    if (compare?.isOpen) compare.close();
    // Two days side by side: the same time the day before, to start with.
    else if (state.t !== null) void compare?.open(state.t - 86400).catch(fail);
  });
  const rx = byId<HTMLInputElement>('receivers-on');
  rx.checked = state.receivers;
  rx.addEventListener('change', () => {
    state.receivers = rx.checked;
    saveHash();
    drawReceivers();
  });
}

/** The live feeds' receivers with a position, when the layer is on; the toggle shows only when there are any. */
function drawReceivers(): void {
  const placed = stats.feeds.filter((f) => f.lat !== null && f.lon !== null);
  byId('receivers-toggle').hidden = placed.length === 0;
  setOverlay(map, 'receivers', receiverFeatures(state.receivers ? placed : []));
  document.body.dataset.receiversDrawn = String(state.receivers ? placed.length : 0);
  document.body.dataset.receiversUp = String(state.receivers ? placed.filter((f) => f.connected).length : 0);
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
  wireCellHover(map);
  for (const layer of CELL_LAYERS) {
    map.on('click', layer, (e) => {
      const p = e.features?.[0]?.properties as { cell?: string; band?: string } | undefined;
      if (p?.cell && p.band !== 'none') void selectCell(p.cell).catch(fail);
    });
  }
  map.on('moveend', saveHash);
}

/** The badge says what is true: live and following, live but showing the past, or the feed lost. Hidden without a feed. */
function showLiveBadge(): void {
  const el = byId<HTMLButtonElement>('live');
  el.hidden = !config.live;
  if (!config.live) return;
  const mode = !liveConnected ? 'off' : following ? 'on' : 'past';
  el.className = `live ${mode}`;
  el.textContent = mode === 'on' ? 'live' : mode === 'past' ? 'live · go to newest' : 'offline';
  el.title = mode === 'on' ? 'Live: each new bucket is shown as it closes' : mode === 'past' ? 'Showing an earlier time: click to follow the newest' : 'The live connection is lost; retrying';
  el.dataset.newest = String(timeline.end);
}

function wireLive(): void {
  let reloadTimer: ReturnType<typeof setTimeout> | null = null;
  connectLive({
    state(connected) {
      liveConnected = connected;
      showLiveBadge();
    },
    message(m) {
      if (m.type === 'events') {
        events = applyEventsMessage(events, m.events, m.removed);
        renderList();
        timeline.setMarks(coverage, events);
        return;
      }
      if (m.type !== 'cells' || m.res !== state.res || m.method !== state.method) return;
      const first = awaitingFirst;
      awaitingFirst = false;
      stats.from ??= m.bucket_start;
      stats.to = Math.max(stats.to ?? 0, m.bucket_start + m.bucket - 1);
      if (m.bucket === state.bucket) {
        data.merge(m.bucket_start, m.cells);
        const end = m.bucket_start + m.bucket - 1;
        if (first) win = { from: m.bucket_start, to: end };
        else if (end > win.to) win = { from: Math.max(win.from, end - stats.limits.max_span_s + 1), to: end };
        if (first) following = true;
        const t = following ? m.bucket_start : (state.t ?? m.bucket_start);
        const aircraft = m.cells.reduce((a, c) => a + c.healthy + c.degraded, 0);
        if (coverage.bucket === m.bucket && !slotAt(coverage, m.bucket_start)) coverage.slots.push({ t: m.bucket_start, aircraft, band: 'low' });
        timeline.setRange(win.from, win.to, state.bucket, t);
        timeline.setMarks(coverage, events);
        state.t = timeline.time;
        showLiveBadge();
        if (following || state.t === m.bucket_start) void drawCells().catch(fail);
        if (first && !linkHasView) void fitToCells().catch(fail);
      } else if (!reloadTimer) {
        // Coarser buckets change with every minute closed: refresh them at most every 30 s.
        reloadTimer = setTimeout(() => {
          reloadTimer = null;
          void loadCells(following ? null : state.t).catch(fail);
        }, 30_000);
      }
    },
  });
}

async function start(): Promise<void> {
  wireLayout();
  const [c, s] = await Promise.all([api.config().catch(() => config), api.stats()]);
  config = c;
  stats = s;
  // Live, the minute is the natural step: each one is pushed as it closes.
  if (config.live && !linkHasBucket) state.bucket = 60;
  // The list does not wait for the map: it is the first thing worth reading.
  const eventsLoaded = loadEvents();
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
  // A phone has no room for the attribution line over the legend: it stays behind its (i) button.
  if (phone()) document.querySelector('.maplibregl-ctrl-attrib')?.classList.remove('maplibregl-compact-show');
  addOverlays(map);
  showPlaces(map);
  wireControls();
  wireMapInteraction();
  wireReceiverHover(map);
  drawReceivers();
  compare = new ComparePane({
    main: map,
    style: chooseStyle(config.style_url),
    grid: () => ({ res: state.res, method: state.method, bucket: state.bucket }),
    limits: () => ({ confidentMin: stats.limits.confident_min_aircraft, maxSpan: stats.limits.max_span_s, data: dataRange() }),
    changed(t) {
      state.cmp = t;
      saveHash();
    },
    fail,
  });
  await eventsLoaded;
  await loadCells(openingTime());
  resolveReady();
  if (state.event) await openLinkedEvent(state.event);
  else if (!linkHasView) await fitToCells();
  if (state.cmp !== null) await compare.open(state.cmp);
  window.addEventListener('hashchange', () => void applyHash().catch(fail));
  wireLive();
  if (stats.feeds.length > 0) setInterval(() => void refreshReceivers().catch(() => undefined), RECEIVERS_REFRESH_MS);
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
  byId<HTMLInputElement>('receivers-on').checked = next.receivers;
  drawReceivers();
  if (next.cmp === null) compare?.close();
  else if (next.cmp !== compare?.time) await compare?.open(next.cmp);
  if (event) await openLinkedEvent(event);
}

/** The receivers' state changes (a feed drops or comes back): their counters are read again. */
async function refreshReceivers(): Promise<void> {
  stats.feeds = (await api.stats()).feeds;
  drawReceivers();
}

start().catch(fail);
