import { mkdtemp, readFile, rm, stat, utimes } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { buildServer } from '../../src/server/app.ts';
import { openDuckDbStore } from '../../src/store/duckdb.ts';
import { buildWeb, unwrapRing } from '../../web/build.ts';

describe('buildWeb', () => {
  let dir: string;
  let out: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'gnsswatch-web-'));
    out = await buildWeb(dir);
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('writes the app, the MapLibre css and the base map into the directory it returns', async () => {
    expect(out).toBe(dir);
    const html = await readFile(join(out, 'index.html'), 'utf8');
    expect(html).toContain('src="bundle.js"');
    expect(html).toContain('href="maplibre-gl.css"');
    expect((await stat(join(out, 'bundle.js'))).size).toBeGreaterThan(100_000); // MapLibre alone is ~800 kB
    expect(await readFile(join(out, 'maplibre-gl.css'), 'utf8')).toContain('.maplibregl-map');
  });

  it('references no network resource at run time', async () => {
    const html = await readFile(join(out, 'index.html'), 'utf8');
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
  });

  it('base map: land has no ring that jumps across the antimeridian', async () => {
    const land = JSON.parse(await readFile(join(out, 'land.geojson'), 'utf8'));
    let jumps = 0;
    let rings = 0;
    for (const f of land.features) {
      for (const poly of f.geometry.coordinates as number[][][][]) {
        for (const ring of poly) {
          rings++;
          for (let i = 1; i < ring.length; i++) {
            // A step along the pole (the closure of Antarctica) is not a jump across the map.
            if (Math.abs(ring[i][0] - ring[i - 1][0]) > 180 && Math.abs(ring[i][1]) !== 90) jumps++;
          }
        }
      }
    }
    expect(rings).toBeGreaterThan(1000); // Natural Earth 50m land has over a thousand islands
    expect(jumps).toBe(0);
    const borders = JSON.parse(await readFile(join(out, 'borders.geojson'), 'utf8'));
    expect(borders.type).toBe('MultiLineString');
  });

  it('writes gzip and brotli copies that decompress to the very files, and the server sends them to browsers that accept them', async () => {
    for (const f of ['bundle.js', 'land.geojson', 'places.json']) {
      const raw = await readFile(join(out, f));
      expect(gunzipSync(await readFile(join(out, `${f}.gz`))).equals(raw), f).toBe(true);
      expect(brotliDecompressSync(await readFile(join(out, `${f}.br`))).equals(raw), f).toBe(true);
    }
    const raw = await readFile(join(out, 'bundle.js'));
    const store = await openDuckDbStore(join(dir, 'empty.duckdb'));
    const app = buildServer(store, { webDir: out });
    try {
      const br = await app.inject({ url: '/bundle.js', headers: { 'accept-encoding': 'br, gzip' } });
      expect(br.headers['content-encoding']).toBe('br');
      expect(br.rawPayload.length).toBeLessThan(raw.length / 3);
      expect(brotliDecompressSync(br.rawPayload).equals(raw)).toBe(true);
      const gz = await app.inject({ url: '/bundle.js', headers: { 'accept-encoding': 'gzip' } });
      expect(gz.headers['content-encoding']).toBe('gzip');
      const plain = await app.inject({ url: '/bundle.js' });
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(plain.rawPayload.equals(raw)).toBe(true);
    } finally {
      await app.close();
      await store.close();
    }
  });

  it('ships place names: large towns and capitals, largest first, Incheon among them', async () => {
    const places = JSON.parse(await readFile(join(out, 'places.json'), 'utf8')) as [string, number, number, number, number][];
    expect(places.length).toBeGreaterThan(1000);
    const pops = places.map((p) => p[3]);
    expect(pops).toEqual([...pops].sort((a, b) => b - a));
    const incheon = places.find((p) => p[0] === 'Incheon')!;
    // Incheon is at about 37.46 N 126.70 E (its airport, RKSI, at 37.46 N 126.44 E).
    expect(Math.abs(incheon[2] - 37.46)).toBeLessThan(0.2);
    expect(Math.abs(incheon[1] - 126.7)).toBeLessThan(0.3);
    expect(places.filter((p) => p[4] === 1).length).toBeGreaterThan(150); // national capitals
  });

  it('does not rebuild when up to date', async () => {
    const before = (await stat(join(out, 'bundle.js'))).mtimeMs;
    await buildWeb(dir);
    expect((await stat(join(out, 'bundle.js'))).mtimeMs).toBe(before);
  });

  it('rebuilds when a bundled file outside web/ is newer than the bundle', async () => {
    // web/src/circle.ts imports src/geo.ts: the bundle depends on it as much as on web/src.
    const bundled = JSON.parse(await readFile(join(out, 'bundle-inputs.json'), 'utf8')) as string[];
    expect(bundled).toContain(resolve('src/geo.ts'));
    // Age the bundle rather than touch a source: every input is now newer than it.
    await utimes(join(out, 'bundle.js'), 1000, 1000);
    await buildWeb(dir);
    expect((await stat(join(out, 'bundle.js'))).mtimeMs).toBeGreaterThan(1000 * 1000);
  });
});

describe('unwrapRing', () => {
  it('keeps a ring crossing the antimeridian continuous', () => {
    // A square from 179 E to 179 W: the second point is 181 once unwrapped.
    const ring = [[179, 1], [-179, 1], [-179, -1], [179, -1], [179, 1]];
    expect(unwrapRing(ring)).toEqual([[179, 1], [181, 1], [181, -1], [179, -1], [179, 1]]);
  });

  it('closes a ring that goes round the pole through the pole', () => {
    const ring = [[-180, -80], [-90, -81], [0, -80], [90, -81], [180, -80]];
    const out = unwrapRing(ring);
    expect(out.slice(-3)).toEqual([[180, -90], [-180, -90], [-180, -80]]);
  });
});
