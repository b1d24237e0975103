/**
 * Compare mode: a second map beside the main one (below it on a phone) showing another time, with
 * the same view, grid and method, so two days (or two hours) read side by side. Moving either map
 * moves both; the compared time has its own steps and UTC box, and is kept in the URL (`cmp=`).
 */
import { Map as MapLibreMap, type StyleSpecification } from 'maplibre-gl';
import type { Method } from '../../src/detect/types.ts';
import type { Range } from './api.ts';
import { CellData } from './cell-data.ts';
import { wireCellHover } from './cell-hover.ts';
import { findDataDay } from './coverage.ts';
import { cellsToFeatures, persistentPoints } from './hexagons.ts';
import { byId, esc } from './html.ts';
import { addOverlays, setOverlay } from './layers.ts';
import { showPlaces } from './places.ts';
import { bucketFloor, bucketWord, formatUtc, formatWhen, parseWhen } from './time.ts';

export interface CompareHost {
  /** The main map, whose view the compared map keeps. */
  main: MapLibreMap;
  style: string | StyleSpecification;
  grid(): { res: number; method: Method; bucket: number };
  /** What the API allows and where the data is, for the day steps. */
  limits(): { confidentMin: number; maxSpan: number; data: Range | null };
  /** The compared time changed (null: compare mode closed): keep it in the URL. */
  changed(t: number | null): void;
  fail(e: unknown): void;
}

export class ComparePane {
  private map: MapLibreMap | null = null;
  private data: CellData | null = null;
  private t = 0;
  private syncing = false;
  private seq = 0;
  private readonly followMain = () => this.sync(this.host.main, this.map);
  private readonly followMine = () => this.sync(this.map, this.host.main);

  constructor(private readonly host: CompareHost) {
    byId('cmp-back').addEventListener('click', () => this.step(-1));
    byId('cmp-fwd').addEventListener('click', () => this.step(1));
    byId('cmp-day-back').addEventListener('click', () => void this.stepDay(-1).catch(host.fail));
    byId('cmp-day-fwd').addEventListener('click', () => void this.stepDay(1).catch(host.fail));
    byId('cmp-close').addEventListener('click', () => this.close());
    byId<HTMLFormElement>('cmp-form').addEventListener('submit', (e) => {
      e.preventDefault();
      const box = byId<HTMLInputElement>('cmp-when');
      const w = parseWhen(box.value);
      box.setAttribute('aria-invalid', String(w === null));
      if (w) void this.show(w.t);
    });
  }

  get isOpen(): boolean {
    return this.map !== null;
  }

  get time(): number | null {
    return this.map ? this.t : null;
  }

  /** Opens the pane at time `t` (or moves an open pane there). */
  async open(t: number): Promise<void> {
    if (!this.map) {
      document.body.classList.add('comparing');
      byId('compare').hidden = false;
      byId('compare-btn').setAttribute('aria-pressed', 'true');
      const main = this.host.main;
      main.resize();
      const map = new MapLibreMap({
        container: 'map2',
        style: this.host.style,
        center: main.getCenter(),
        zoom: main.getZoom(),
        attributionControl: false,
        renderWorldCopies: true,
      });
      this.map = map;
      await new Promise<void>((r) => map.once('load', () => r()));
      if (this.map !== map) return; // closed while loading
      addOverlays(map);
      showPlaces(map);
      wireCellHover(map);
      main.on('move', this.followMain);
      map.on('move', this.followMine);
      this.regrid();
    }
    await this.show(t);
  }

  close(): void {
    if (!this.map) return;
    this.host.main.off('move', this.followMain);
    this.map.remove();
    this.map = null;
    document.body.classList.remove('comparing');
    byId('compare').hidden = true;
    byId('compare-btn').setAttribute('aria-pressed', 'false');
    delete document.body.dataset.compareDrawn;
    this.host.main.resize();
    this.host.changed(null);
  }

  /** When the bucket, resolution or method changed, the compared cells are fetched anew. */
  regrid(): void {
    const g = this.host.grid();
    if (this.data && this.data.res === g.res && this.data.method === g.method && this.data.bucket === g.bucket) return;
    this.data = new CellData(g.res, g.method, g.bucket);
    if (this.map) void this.show(this.t).catch(this.host.fail);
  }

  /** Shows the bucket holding `t`. */
  async show(t: number): Promise<void> {
    if (!this.map || !this.data) return;
    const { bucket } = this.host.grid();
    this.t = bucketFloor(t, bucket);
    const seq = ++this.seq;
    byId('cmp-label').textContent = formatUtc(this.t, bucket);
    const box = byId<HTMLInputElement>('cmp-when');
    if (document.activeElement !== box) box.value = formatWhen(this.t);
    this.host.changed(this.t);
    const rows = await this.data.at(this.t);
    if (seq !== this.seq || !this.map) return;
    const { confidentMin } = this.host.limits();
    setOverlay(this.map, 'cells', cellsToFeatures(rows, confidentMin));
    setOverlay(this.map, 'persistent', persistentPoints(rows));
    const status = byId('cmp-status');
    status.hidden = rows.length > 0;
    status.innerHTML = rows.length > 0 ? '' : `<span data-testid="cmp-no-data">No aircraft positions in this ${bucketWord(bucket)} (${esc(formatUtc(this.t, bucket))}): « » go to the previous or next day with data.</span>`;
    const map = this.map;
    void map.once('idle', () => {
      if (seq === this.seq) document.body.dataset.compareDrawn = `${this.t}:${rows.length}`;
    });
    map.triggerRepaint();
  }

  private step(d: -1 | 1): void {
    void this.show(this.t + d * this.host.grid().bucket).catch(this.host.fail);
  }

  /** The previous or next day with data, at the same time of day when that has data too (as the main timeline's « »). */
  private async stepDay(dir: -1 | 1): Promise<void> {
    const { data, maxSpan } = this.host.limits();
    if (!data) return;
    const want = this.t + dir * 86400;
    const day = await findDataDay(data, want, dir, this.host.grid().method, maxSpan);
    if (day === null) {
      const status = byId('cmp-status');
      status.hidden = false;
      status.textContent = `No data ${dir < 0 ? 'before' : 'after'} ${formatUtc(this.t, 86400)}.`;
      return;
    }
    await this.show(day === bucketFloor(want, 86400) ? want : day + (this.t - bucketFloor(this.t, 86400)));
  }

  private sync(from: MapLibreMap | null, to: MapLibreMap | null): void {
    if (this.syncing || !from || !to) return;
    this.syncing = true;
    to.jumpTo({ center: from.getCenter(), zoom: from.getZoom(), bearing: from.getBearing(), pitch: from.getPitch() });
    this.syncing = false;
  }
}
