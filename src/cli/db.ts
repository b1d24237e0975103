/**
 * `gnsswatch db init`: lay out a database before ingest and serve use it.
 *   gnsswatch db init --db clickhouse://HOST:PORT/DATABASE [--db clickhouse://… (each node)] [--cluster NAME]
 *   gnsswatch db init --db PATH   (a DuckDB file: created with its tables)
 */
import { Command } from 'commander';
import { initClickHouse } from '../store/clickhouse/init.ts';
import { isClickHouseUrl } from '../store/clickhouse/url.ts';
import { UsageError } from './errors.ts';
import { openStoreForCli } from './db-flag.ts';

interface InitFlags {
  db: string[];
  cluster?: string;
}

export function dbCommand(): Command {
  const db = new Command('db').description('manage a gnsswatch database');
  db.command('init')
    .description('create the tables (idempotent); with --cluster, the sharded layout on every node given')
    .option('--db <db>', 'clickhouse://HOST:PORT/DATABASE (repeat for every node of a cluster) or a DuckDB file', (v: string, all: string[]) => [...all, v], [])
    .option('--cluster <name>', 'ClickHouse cluster of the servers\' <remote_servers>: shard tables on each node and Distributed tables over them')
    .action(async (o: InitFlags) => {
      if (o.db.length === 0) throw new UsageError('db init needs --db clickhouse://HOST:PORT/DATABASE or --db PATH');
      let nodes = 0;
      for (const target of o.db) {
        if (!isClickHouseUrl(target)) {
          if (o.cluster) throw new UsageError(`--cluster is for ClickHouse: ${target} is a DuckDB file`);
          await (await openStoreForCli(target)).close();
          process.stderr.write(`gnsswatch: ${target} ready\n`);
          continue;
        }
        let hosts: string[];
        try {
          ({ hosts } = await initClickHouse(target, o.cluster ?? null));
        } catch (err) {
          throw new UsageError(`db init ${target}: ${(err as Error).message.split('\n')[0]}`);
        }
        process.stderr.write(`gnsswatch: ${target} ready${o.cluster ? ` as a node of cluster ${o.cluster} (${hosts.join(', ')})` : ''}\n`);
        nodes = Math.max(nodes, hosts.length);
      }
      if (nodes > o.db.length) process.stderr.write(`gnsswatch: cluster ${o.cluster} has ${nodes} nodes: run db init on each of them (one --db per node)\n`);
    });
  return db;
}
