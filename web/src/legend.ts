/** The legend: band colours (including "no data"), opacity and hatching, aircraft counted apart, and track colours. */
import type { ApiLimits } from './api.ts';
import { BAND_COLOURS, bandLabels } from './bands.ts';
import { PERSISTENT_COLOUR, SOURCE_COLOUR, SPOOF_COLOUR } from './layers.ts';
import { INTEGRITY_COLOURS } from './tracks.ts';

export function legendHtml(method: string, limits: ApiLimits): string {
  const labels = bandLabels(limits.bands);
  const bands = (['high', 'medium', 'low', 'none'] as const)
    .map((b) => `<li><span class="swatch" style="background:${BAND_COLOURS[b]}"></span>${labels[b]}</li>`)
    .join('');
  const tracks = (
    [
      ['good', 'Track: integrity good'],
      ['reduced', 'Track: reduced'],
      ['lost', 'Track: lost'],
      ['unknown', 'Track: integrity not reported'],
    ] as const
  )
    .map(([k, l]) => `<li><span class="swatch line" style="background:${INTEGRITY_COLOURS[k]}"></span>${l}</li>`)
    .join('');
  return (
    `<h3>Aircraft with degraded GNSS <small>(${method === 'nic' ? 'NIC < 7' : 'NACp ≤ 2'})</small></h3>` +
    `<ul>${bands}<li data-testid="legend-low-confidence"><span class="swatch hatched" style="color:${BAND_COLOURS.high}"></span>Hatched: fewer than ${limits.confident_min_aircraft} aircraft, too few to trust the share</li>` +
    `<li><span class="swatch dot ring" style="border-color:${PERSISTENT_COLOUR};background:none"></span>Aircraft degraded wherever they fly (faulty transponder): counted apart</li></ul>` +
    `<p class="muted">Stronger fill = more aircraft seen.</p>` +
    `<ul class="tracks">${tracks}<li><span class="swatch dot" style="background:${SOURCE_COLOUR}"></span>Estimated jammer / spoofer</li>` +
    `<li><span class="swatch line dashed" style="color:${SPOOF_COLOUR}"></span>Spoofed aircraft track</li>` +
    `<li><span class="swatch dot ring" style="border-color:${SPOOF_COLOUR}"></span>False position (spoofed)</li></ul>`
  );
}
