import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CellRow } from '../../web/src/api.ts';
import { CellData } from '../../web/src/cell-data.ts';

const row = (bucket_start: number, cell: string, healthy: number, degraded: number, band: CellRow['band']): CellRow => ({
  bucket_start,
  cell,
  healthy,
  degraded,
  share_pct: 0,
  band,
});

/** A fetch that answers with `status` and `body`, recording the URLs asked for. */
function stubFetch(status: number, body: unknown): string[] {
  const urls: string[] = [];
  vi.stubGlobal('fetch', async (url: string) => {
    urls.push(url);
    return new Response(JSON.stringify(body), { status });
  });
  return urls;
}

afterEach(() => vi.unstubAllGlobals());

describe('CellData', () => {
  it('groups a whole-range answer by bucket and answers later buckets without asking again', async () => {
    const urls = stubFetch(200, { cells: [row(0, 'a', 5, 0, 'low'), row(3600, 'a', 1, 4, 'high'), row(3600, 'b', 3, 0, 'low')] });
    const d = new CellData(4, 'nacp', 3600);
    await d.preload({ from: 0, to: 7199 });
    expect(urls).toHaveLength(1);
    expect(urls[0]).toContain('/api/cells?from=0&to=7199&res=4&method=nacp&bucket=3600');
    expect((await d.at(3600)).map((c) => c.cell)).toEqual(['a', 'b']);
    expect(await d.at(7200)).toEqual([]); // no row in a loaded range means no aircraft there
    expect(urls).toHaveLength(1);
  });

  it('falls back to one bucket per request when the range is too large (400)', async () => {
    stubFetch(400, { error: 'result over 200000 rows: narrow from/to' });
    const d = new CellData(4, 'nic', 60);
    await d.preload({ from: 0, to: 10 ** 6 });
    const urls = stubFetch(200, { cells: [row(120, 'x', 2, 0, 'low'), row(180, 'y', 2, 0, 'low')] });
    // Only the asked bucket is kept even if the server also returns the next one.
    expect((await d.at(120)).map((c) => c.cell)).toEqual(['x']);
    expect(urls).toEqual(['/api/cells?from=120&to=179&res=4&method=nic&bucket=60']);
    await d.at(120);
    expect(urls).toHaveLength(1); // cached
  });

  it('other errors are not swallowed', async () => {
    stubFetch(500, { error: 'database is closed' });
    await expect(new CellData(4, 'nacp', 3600).preload({ from: 0, to: 1 })).rejects.toThrow('database is closed');
  });

  it('live rows replace the same cell in the same bucket and add new cells', async () => {
    stubFetch(200, { cells: [row(60, 'a', 5, 0, 'low')] });
    const d = new CellData(4, 'nacp', 60);
    await d.preload({ from: 0, to: 119 });
    d.merge(60, [row(60, 'a', 2, 3, 'high'), row(60, 'b', 1, 0, 'low')]);
    const rows = await d.at(60);
    expect(rows).toHaveLength(2);
    expect(rows.find((c) => c.cell === 'a')?.degraded).toBe(3);
  });

  it('the busiest bucket is the one with most high-band cells, then most degraded aircraft', async () => {
    stubFetch(200, {
      cells: [row(0, 'a', 0, 30, 'medium'), row(60, 'a', 5, 2, 'high'), row(120, 'a', 5, 3, 'high')],
    });
    const d = new CellData(4, 'nacp', 60);
    await d.preload({ from: 0, to: 179 });
    expect(d.busiest()).toBe(120);
  });

  it('breaks a tie on the earliest bucket, whatever order the rows come in', async () => {
    stubFetch(200, { cells: [row(120, 'a', 5, 3, 'high'), row(60, 'b', 5, 3, 'high'), row(180, 'a', 5, 1, 'high')] });
    const d = new CellData(4, 'nacp', 60);
    await d.preload({ from: 0, to: 239 });
    expect(d.busiest()).toBe(60);
  });
});
