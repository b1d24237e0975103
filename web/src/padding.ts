/**
 * How much of the map the open panels cover, as fitBounds padding: an event or cell area is fitted
 * into the part of the map a person can see, whatever the screen size (a phone's panels sit below,
 * a desktop's beside).
 */
export interface Rect {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

export interface Padding {
  top: number;
  bottom: number;
  left: number;
  right: number;
}

/**
 * Padding that keeps a fitted area clear of `covers` (panel rectangles in map pixels) on a
 * `width` × `height` map. A panel narrower than half the map pushes from its side, a wider one from
 * the top or bottom. When the panels leave less than `minFree` pixels, they are partly ignored:
 * the area then shows under their edge rather than not at all.
 */
export function fitPadding(width: number, height: number, covers: readonly Rect[], margin = 24, minFree = 120): Padding {
  const p: Padding = { top: margin, bottom: margin, left: margin, right: margin };
  for (const r of covers) {
    const l = Math.max(0, r.left);
    const rt = Math.min(width, r.right);
    const t = Math.max(0, r.top);
    const b = Math.min(height, r.bottom);
    if (rt <= l || b <= t) continue; // off the map
    if (rt - l < width / 2) {
      if ((l + rt) / 2 < width / 2) p.left = Math.max(p.left, rt + margin);
      else p.right = Math.max(p.right, width - l + margin);
    } else if ((t + b) / 2 < height / 2) p.top = Math.max(p.top, b + margin);
    else p.bottom = Math.max(p.bottom, height - t + margin);
  }
  shrink(p, 'left', 'right', width, minFree);
  shrink(p, 'top', 'bottom', height, minFree);
  return p;
}

/** Scales a pair of paddings down so that at least `minFree` (or what the size allows) stays free. */
function shrink(p: Padding, a: keyof Padding, b: keyof Padding, size: number, minFree: number): void {
  const free = Math.min(minFree, size / 2);
  const over = p[a] + p[b] - (size - free);
  if (over <= 0) return;
  const k = (size - free) / (p[a] + p[b]);
  p[a] = Math.floor(p[a] * k);
  p[b] = Math.floor(p[b] * k);
}
