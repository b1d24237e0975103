/** The tooltip over a cell: its share, how many aircraft back it, and what is counted apart. */
import { Popup, type Map as MapLibreMap, type MapLayerMouseEvent } from 'maplibre-gl';
import { esc } from './html.ts';

/** The layers a cell is drawn in: confident colour, or hatched when too few aircraft back it. */
export const CELL_LAYERS = ['cells-fill', 'cells-hatch'] as const;

export interface CellProps {
  share_pct: number;
  aircraft: number;
  band: string;
  confident: boolean;
  persistent: number;
}

export function cellTooltipHtml(p: CellProps): string {
  if (p.band === 'none') return 'No aircraft position here<br>(aircraft around it had degraded GNSS)';
  const apart = p.persistent > 0 ? `<br><span data-testid="tip-persistent">+ ${p.persistent} degraded wherever it flies (faulty transponder?), counted apart</span>` : '';
  const weak = p.confident ? '' : '<br><span data-testid="tip-low-confidence">Too few aircraft to trust the share</span>';
  return `<strong>${Number(p.share_pct).toFixed(1)} %</strong> degraded<br>${p.aircraft} aircraft · ${esc(p.band)}${weak}${apart}`;
}

/** Hover tooltips over the cells of `map`. */
export function wireCellHover(map: MapLibreMap): void {
  const hover = new Popup({ closeButton: false, closeOnClick: false, className: 'hover' });
  const move = (e: MapLayerMouseEvent) => {
    const p = e.features?.[0]?.properties as CellProps | undefined;
    // A receiver's dot over the cell has its own tooltip: one at a time.
    const onReceiver = map.getLayer('receivers') !== undefined && map.queryRenderedFeatures(e.point, { layers: ['receivers'] }).length > 0;
    if (!p || onReceiver) {
      hover.remove();
      return;
    }
    map.getCanvas().style.cursor = 'pointer';
    hover.setLngLat(e.lngLat).setHTML(cellTooltipHtml(p)).addTo(map);
  };
  for (const layer of CELL_LAYERS) {
    map.on('mousemove', layer, move);
    map.on('mouseleave', layer, () => {
      map.getCanvas().style.cursor = '';
      hover.remove();
    });
  }
}
