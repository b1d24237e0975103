/**
 * The ClickHouse tables. Every table is append-only and read with aggregation, so a query is right
 * before background merges have run: aircraft_minutes is counted per (bucket, cell) with uniqExact
 * (an aircraft heard by two receivers, or written twice, is one aircraft; degraded if any of its rows
 * is); events, spoofed aircraft and callsigns are versioned rows read with argMax(…, version) per key
 * (a replaced event is a newer row with deleted = 1); the Replacing engines only compact them.
 *
 * One node: the tables themselves. A cluster (`db init --cluster NAME`, for a cluster defined in the
 * servers' <remote_servers>): on every node a `<table>_shard` table holding that node's share and a
 * Distributed `<table>` over all of them, sharded by the res-2 cell (aircraft-minutes) or by key, so a
 * process writes to and reads from any node through the same table names.
 */
import type { ClickHouseClient } from '@clickhouse/client';
import { parentSql } from './h3.ts';
import { sqlString } from './sql.ts';

interface Table {
  name: string;
  columns: string;
  engine: string;
  /** How the Distributed table spreads rows over shards. */
  shardBy: string;
}

export const TABLES: readonly Table[] = [
  {
    name: 'aircraft_minutes',
    columns: 'minute UInt32, method String, icao String, cell7 UInt64, degraded UInt8, reason String, estimated UInt8',
    engine: 'MergeTree PARTITION BY toYYYYMM(toDateTime(minute)) ORDER BY (method, minute, cell7)',
    shardBy: `cityHash64(${parentSql('cell7', 2)})`,
  },
  {
    name: 'observations',
    columns: 't Float64, icao String, lat Float64, lon Float64, alt_m Nullable(Float64), flags UInt32',
    engine: 'MergeTree ORDER BY (t, icao)',
    shardBy: 'cityHash64(icao)',
  },
  {
    name: 'fixes',
    // As README "Storage" lays a fix out: time in ms, lat/lon in 1e-6°, altitudes in whole feet.
    columns:
      'icao String, t_ms Int64, lat Int32, lon Int32, alt_baro Nullable(Int32), alt_geom Nullable(Int32), ground UInt8, ' +
      'nic Nullable(Int8), rc Nullable(Float64), nac_p Nullable(Int8), sil Nullable(Int8), version Nullable(Int8), source String, receiver String',
    // One partition per day, so retention drops whole days (no row deletes in 18.16).
    engine: 'MergeTree PARTITION BY toYYYYMMDD(toDateTime(toUInt32(intDiv(t_ms, 1000)))) ORDER BY (icao, t_ms)',
    shardBy: 'cityHash64(icao)',
  },
  {
    name: 'callsigns',
    columns: 'icao String, callsign String, version UInt64',
    engine: 'ReplacingMergeTree(version) ORDER BY icao',
    shardBy: 'cityHash64(icao)',
  },
  {
    name: 'events',
    // The event itself is its JSON body: nothing but the time span is queried in SQL.
    columns: 'id String, kind String, start_t Float64, end_t Float64, body String, deleted UInt8, version UInt64',
    engine: 'ReplacingMergeTree(version) ORDER BY id',
    shardBy: 'cityHash64(id)',
  },
  {
    name: 'spoofed',
    columns: 'id String, icao String, start_t Float64, end_t Float64, body String, version UInt64',
    engine: 'ReplacingMergeTree(version) ORDER BY id',
    shardBy: 'cityHash64(id)',
  },
  {
    name: 'alert_log',
    columns: 't Float64, alert_id String, channel String, type String, area String, event_id String, target String, attempt UInt32, ok UInt8, detail String',
    engine: 'MergeTree ORDER BY (t, alert_id)',
    shardBy: 'cityHash64(alert_id)',
  },
  {
    name: 'ingests',
    columns: 'key String, name String, t Float64, finished UInt8',
    engine: 'MergeTree ORDER BY key',
    shardBy: 'cityHash64(key)',
  },
];

/** The local table behind a Distributed one. */
export function shardTable(name: string): string {
  return `${name}_shard`;
}

/** Create the database and tables (idempotent); with a cluster, this node's shard tables and the Distributed tables. */
export async function createSchema(client: ClickHouseClient, database: string, cluster: string | null): Promise<void> {
  await client.command({ query: `CREATE DATABASE IF NOT EXISTS ${database}` });
  const engines = await tableEngines(client, database);
  for (const t of TABLES) {
    const existing = engines.get(t.name);
    const wanted = cluster ? 'Distributed' : t.engine.split(/[ (]/)[0];
    if (existing && existing !== wanted) {
      throw new Error(
        `${database}.${t.name} already exists as ${existing}, not ${wanted}: ${cluster ? 'this database was laid out for one node' : `this database was laid out for a cluster; add --cluster`}`,
      );
    }
    if (cluster) {
      await client.command({ query: `CREATE TABLE IF NOT EXISTS ${database}.${shardTable(t.name)} (${t.columns}) ENGINE = ${t.engine}` });
      await client.command({
        query: `CREATE TABLE IF NOT EXISTS ${database}.${t.name} AS ${database}.${shardTable(t.name)} ENGINE = Distributed(${cluster}, ${database}, ${shardTable(t.name)}, ${t.shardBy})`,
      });
    } else {
      await client.command({ query: `CREATE TABLE IF NOT EXISTS ${database}.${t.name} (${t.columns}) ENGINE = ${t.engine}` });
    }
  }
}

/** Table name → engine of the database's tables. */
export async function tableEngines(client: ClickHouseClient, database: string): Promise<Map<string, string>> {
  const rows = await (
    await client.query({ query: `SELECT name, engine FROM system.tables WHERE database = ${sqlString(database)}`, format: 'JSONEachRow' })
  ).json<{ name: string; engine: string }>();
  return new Map(rows.map((r) => [r.name, r.engine]));
}

/** The hosts of a cluster as this node's configuration names them (empty if it has no such cluster). */
export async function clusterHosts(client: ClickHouseClient, cluster: string): Promise<string[]> {
  const rows = await (
    await client.query({ query: `SELECT host_name, port FROM system.clusters WHERE cluster = ${sqlString(cluster)} ORDER BY shard_num, replica_num`, format: 'JSONEachRow' })
  ).json<{ host_name: string; port: number }>();
  return rows.map((r) => `${r.host_name}:${r.port}`);
}
