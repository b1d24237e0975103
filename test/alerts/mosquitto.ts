/** Debian's mosquitto broker for the MQTT tests, started on a free port on 127.0.0.1 and stopped after. */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { createServer, connect } from 'node:net';
import { join } from 'node:path';

export const MOSQUITTO = '/usr/sbin/mosquitto';
const REQUIRED = Boolean(process.env.GNSSWATCH_REQUIRE_MOSQUITTO);
/** Skip without mosquitto, unless the run insists on it (.ci/run installs it). */
export const SKIP_MOSQUITTO = !existsSync(MOSQUITTO) && !REQUIRED;
if (SKIP_MOSQUITTO) console.warn(`MQTT tests skipped: ${MOSQUITTO} is missing (apt-get install mosquitto; set GNSSWATCH_REQUIRE_MOSQUITTO=1 to fail instead)`);

export interface Broker {
  url: string;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const addr = s.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      s.close(() => resolve(port));
    });
  });
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const c = connect(port, '127.0.0.1');
    c.once('connect', () => {
      c.destroy();
      resolve(true);
    });
    c.once('error', () => resolve(false));
  });
}

/** Start mosquitto with a config of its own in `dir`; resolves once it accepts connections. */
export async function startMosquitto(dir: string): Promise<Broker> {
  if (!existsSync(MOSQUITTO)) throw new Error(`GNSSWATCH_REQUIRE_MOSQUITTO is set but ${MOSQUITTO} is missing: apt-get install mosquitto`);
  const port = await freePort();
  const conf = join(dir, `mosquitto-${port}.conf`);
  await writeFile(conf, `listener ${port} 127.0.0.1\nallow_anonymous true\npersistence false\n`);
  const child: ChildProcess = spawn(MOSQUITTO, ['-c', conf], { stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  child.stderr!.on('data', (b: Buffer) => (err += b.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  for (let i = 0; i < 100; i++) {
    if (child.exitCode !== null) throw new Error(`mosquitto exited (${child.exitCode}): ${err.trim()}`);
    if (await accepts(port)) break;
    await new Promise((r) => setTimeout(r, 100));
    if (i === 99) throw new Error(`mosquitto did not listen on 127.0.0.1:${port}: ${err.trim()}`);
  }
  return {
    url: `mqtt://127.0.0.1:${port}`,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
