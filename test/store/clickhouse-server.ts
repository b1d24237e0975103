/**
 * Real clickhouse-server processes for the tests: each on free 127.0.0.1 ports, with a config,
 * data and logs in its own temp folder, stopped (and the folder removed) by stop(). A cluster is
 * several servers whose configs share one <remote_servers> definition naming every server's TCP
 * port, one shard each.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const CLICKHOUSE_SERVER = ['/usr/sbin/clickhouse-server', '/usr/bin/clickhouse-server'].find((p) => existsSync(p)) ?? '/usr/sbin/clickhouse-server';
export const HAVE_CLICKHOUSE = existsSync(CLICKHOUSE_SERVER);
const REQUIRED = process.env.GNSSWATCH_REQUIRE_CLICKHOUSE === '1';

/** Skip without clickhouse-server, unless the run insists on one (then the tests fail and say why). */
export const SKIP_CLICKHOUSE = !HAVE_CLICKHOUSE && !REQUIRED;
if (SKIP_CLICKHOUSE) {
  console.warn(`ClickHouse tests skipped: ${CLICKHOUSE_SERVER} is missing (apt-get install clickhouse-server; set GNSSWATCH_REQUIRE_CLICKHOUSE=1 to fail instead)`);
}

export interface ClickHouseServer {
  /** http://127.0.0.1:PORT */
  http: string;
  httpPort: number;
  tcpPort: number;
  dir: string;
  /** `clickhouse://127.0.0.1:PORT/DATABASE`, the --db form. */
  dbUrl(database: string): string;
  stop(): Promise<void>;
}

interface Ports {
  http: number;
  tcp: number;
  interserver: number;
}

/** One server, no cluster. */
export async function startClickHouse(): Promise<ClickHouseServer> {
  return launch(await freePorts(), null);
}

/** `shards` servers, each one shard of the cluster `name` that every server's config defines. */
export async function startClickHouseCluster(name: string, shards = 2): Promise<ClickHouseServer[]> {
  const ports: Ports[] = [];
  for (let i = 0; i < shards; i++) ports.push(await freePorts());
  const cluster = { name, tcpPorts: ports.map((p) => p.tcp) };
  const started: ClickHouseServer[] = [];
  try {
    for (const p of ports) started.push(await launch(p, cluster));
  } catch (err) {
    await Promise.all(started.map((s) => s.stop()));
    throw err;
  }
  return started;
}

async function launch(ports: Ports, cluster: { name: string; tcpPorts: number[] } | null): Promise<ClickHouseServer> {
  if (!HAVE_CLICKHOUSE) throw new Error(`GNSSWATCH_REQUIRE_CLICKHOUSE is set but ${CLICKHOUSE_SERVER} is missing: install it with apt-get install clickhouse-server`);
  const dir = await mkdtemp(join(tmpdir(), 'gw-clickhouse-'));
  await writeFile(join(dir, 'config.xml'), configXml(dir, ports, cluster));
  await writeFile(join(dir, 'users.xml'), USERS_XML);
  const child = spawn(CLICKHOUSE_SERVER, [`--config-file=${join(dir, 'config.xml')}`], { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (b: Buffer) => (stderr += b.toString()));
  const http = `http://127.0.0.1:${ports.http}`;
  const stop = async (): Promise<void> => {
    await terminate(child);
    await rm(dir, { recursive: true, force: true });
  };
  try {
    await waitForPing(http, child, async () => `${stderr}${await readFile(join(dir, 'error.log'), 'utf8').catch(() => '')}`);
  } catch (err) {
    await stop();
    throw err;
  }
  return { http, httpPort: ports.http, tcpPort: ports.tcp, dir, dbUrl: (db) => `clickhouse://127.0.0.1:${ports.http}/${db}`, stop };
}

async function waitForPing(http: string, child: ChildProcess, why: () => Promise<string>): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`clickhouse-server exited (${child.exitCode}) while starting:\n${(await why()).slice(-2000)}`);
    try {
      const res = await fetch(`${http}/ping`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`clickhouse-server did not answer ${http}/ping in 60 s:\n${(await why()).slice(-2000)}`);
}

function terminate(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

async function freePorts(): Promise<Ports> {
  return { http: await freePort(), tcp: await freePort(), interserver: await freePort() };
}

/** A TCP port free on 127.0.0.1 at the time of asking. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

function configXml(dir: string, ports: Ports, cluster: { name: string; tcpPorts: number[] } | null): string {
  const remote = cluster
    ? `<remote_servers><${cluster.name}>${cluster.tcpPorts
        .map((p) => `<shard><replica><host>127.0.0.1</host><port>${p}</port></replica></shard>`)
        .join('')}</${cluster.name}></remote_servers>`
    : '';
  return `<?xml version="1.0"?>
<yandex>
  <logger><level>warning</level><log>${dir}/server.log</log><errorlog>${dir}/error.log</errorlog><console>0</console></logger>
  <http_port>${ports.http}</http_port>
  <tcp_port>${ports.tcp}</tcp_port>
  <interserver_http_port>${ports.interserver}</interserver_http_port>
  <interserver_http_host>127.0.0.1</interserver_http_host>
  <listen_host>127.0.0.1</listen_host>
  <path>${dir}/data/</path>
  <tmp_path>${dir}/tmp/</tmp_path>
  <user_files_path>${dir}/user_files/</user_files_path>
  <format_schema_path>${dir}/format_schemas/</format_schema_path>
  <users_config>users.xml</users_config>
  <default_profile>default</default_profile>
  <default_database>default</default_database>
  <mark_cache_size>268435456</mark_cache_size>
  <uncompressed_cache_size>268435456</uncompressed_cache_size>
  <max_concurrent_queries>100</max_concurrent_queries>
  ${remote}
</yandex>
`;
}

const USERS_XML = `<?xml version="1.0"?>
<yandex>
  <profiles><default><max_memory_usage>4000000000</max_memory_usage></default></profiles>
  <users><default><password></password><networks><ip>127.0.0.1</ip><ip>::1</ip></networks><profile>default</profile><quota>default</quota></default></users>
  <quotas><default></default></quotas>
</yandex>
`;
