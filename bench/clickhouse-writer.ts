/**
 * One writing process of the two-shard benchmark: builds its rows, waits for a line on stdin (so
 * process start-up is not timed), writes them to the ClickHouse store at argv[2] in batches, and
 * prints {"start", "end", "rows"} (epoch ms).
 *   tsx bench/clickhouse-writer.ts clickhouse://HOST:PORT/DB SEED ROWS
 */
import { once } from 'node:events';
import { openClickHouseStore } from '../src/store/clickhouse/store.ts';
import { BENCH_BATCH, benchRows } from './clickhouse-rows.ts';

const [url, seed, n] = process.argv.slice(2);
const rows = benchRows(Number(n), Number(seed));
const store = await openClickHouseStore(url);
process.stdout.write('ready\n');
await once(process.stdin, 'data');
const start = Date.now();
for (let i = 0; i < rows.length; i += BENCH_BATCH) await store.addAircraftMinutes(rows.slice(i, i + BENCH_BATCH));
const end = Date.now();
await store.close();
process.stdout.write(JSON.stringify({ start, end, rows: rows.length }) + '\n');
