/**
 * `npm run bench`: every throughput benchmark, one JSON object per line on stdout
 * ({"name", "items_per_s", "items", "seconds", …}). Numbers, not timed tests.
 */
import { benchDecode } from './decode.bench.ts';
import { benchCpr } from './cpr.bench.ts';
import { benchCommB } from './commb.bench.ts';
import { benchSources } from './sources.bench.ts';
import { benchGrid } from './grid.bench.ts';
import { benchApi } from './api.bench.ts';
import { benchFeeds } from './feeds.bench.ts';
import { benchAlerts } from './alerts.bench.ts';
import { benchClickHouse } from './clickhouse.bench.ts';
import { benchDay } from './day.bench.ts';

const suites = [benchSources, benchDecode, benchCpr, benchCommB, benchGrid, benchApi, benchFeeds, benchAlerts, benchClickHouse, benchDay];
const only = process.argv[2];

for (const suite of suites) {
  if (only && !suite.name.toLowerCase().includes(only.toLowerCase())) continue;
  for (const result of await suite()) process.stdout.write(JSON.stringify(result) + '\n');
}
