/** `--db clickhouse://[USER[:PASSWORD]@]HOST:PORT/DATABASE`: a ClickHouse server's HTTP interface and a database on it. */
import { checkIdentifier } from './sql.ts';

export interface ClickHouseTarget {
  /** http://HOST:PORT */
  url: string;
  database: string;
  username?: string;
  password?: string;
}

export function isClickHouseUrl(text: string): boolean {
  return text.startsWith('clickhouse://');
}

export function parseClickHouseUrl(text: string): ClickHouseTarget {
  let u: URL;
  try {
    u = new URL(text);
  } catch {
    throw new RangeError(`'${text}' is not a URL: give clickhouse://HOST:PORT/DATABASE`);
  }
  if (u.protocol !== 'clickhouse:' || !u.hostname) throw new RangeError(`'${text}' is not clickhouse://HOST:PORT/DATABASE`);
  const database = decodeURIComponent(u.pathname.replace(/^\//, ''));
  if (!database) throw new RangeError(`'${text}' names no database: give clickhouse://HOST:PORT/DATABASE`);
  checkIdentifier(database, 'database');
  return {
    url: `http://${u.hostname}:${u.port || '8123'}`,
    database,
    ...(u.username ? { username: decodeURIComponent(u.username) } : {}),
    ...(u.password ? { password: decodeURIComponent(u.password) } : {}),
  };
}
