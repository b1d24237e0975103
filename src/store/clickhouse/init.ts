/** `gnsswatch db init` for ClickHouse: the schema on one node, or this node's part of a cluster's. */
import { clusterHosts, createSchema } from './schema.ts';
import { clickHouseClient } from './store.ts';
import { checkIdentifier } from './sql.ts';
import { parseClickHouseUrl } from './url.ts';

export interface InitResult {
  database: string;
  /** The cluster's hosts (HOST:TCP_PORT) as the node's configuration lists them; empty on one node. */
  hosts: string[];
}

/**
 * Create the database and tables on the node `url` names (idempotent). With a cluster, the node
 * must define it in <remote_servers>; ClickHouse without ZooKeeper runs no ON CLUSTER DDL, so the
 * caller runs this once per node (db init takes several --db for that).
 */
export async function initClickHouse(url: string, cluster: string | null): Promise<InitResult> {
  const target = parseClickHouseUrl(url);
  if (cluster) checkIdentifier(cluster, 'cluster');
  const client = clickHouseClient(target);
  try {
    const hosts = cluster ? await clusterHosts(client, cluster) : [];
    if (cluster && hosts.length === 0) throw new Error(`${target.url} defines no cluster '${cluster}' in its <remote_servers> configuration`);
    await createSchema(client, target.database, cluster);
    return { database: target.database, hosts };
  } finally {
    await client.close();
  }
}
