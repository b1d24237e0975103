/**
 * A live Beast TCP feed of a simulated scenario, paced at real time: scenario second s is sent at
 * wall-clock second `t0 + s` (the receiver stamps frames with their arrival time, as a real one does).
 */
import { writeFile } from 'node:fs/promises';
import { createServer, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { parseScenario, type ScenarioInput } from '../../src/sim/scenario.ts';
import { simulate, type Truth } from '../../src/sim/simulate.ts';
import { writeBeast } from '../../src/sim/write.ts';

/**
 * Traffic round a 90 km jammer near Kaesong that switches on `onsetS` seconds into the feed:
 * overflights at cruise altitude so several aircraft are inside its reach at any moment.
 */
export function jammerSwitchOnScenario(onsetS: number, durationS: number): ScenarioInput {
  return {
    name: 'jammer-switch-on',
    seed: 7,
    start: '2024-10-05T06:00:00Z',
    duration_s: durationS,
    area: { lat_min: 36.5, lat_max: 39.5, lon_min: 124.5, lon_max: 128.5 },
    traffic: { flows: [], overflights: { per_hour: 240, alt_ft: [30000, 40000], speed_kt: [420, 480] }, version: 2, nic: 8 },
    rates: { position_s: 2, velocity_s: 4, ident_s: 15, status_s: 5 },
    receivers: [{ name: 'seoul', lat: 37.57, lon: 126.98, range_km: 400, alt_m: 60 }],
    jammers: [{ id: 'kaesong', lat: 37.97, lon: 126.55, radius_km: 90, ref_alt_ft: 30000, start_s: onsetS, end_s: durationS + 3600 }],
    gnss_loss_behaviour: 'nic0',
  };
}

export interface PacedFeed {
  port: number;
  /** Wall-clock unix seconds of scenario second 0 (set when the first client connects). */
  started: Promise<number>;
  truth: Truth;
  close(): Promise<void>;
}

/** Serve the scenario on 127.0.0.1 to the first client, paced at real time from its connection. */
export async function startPacedFeed(input: ScenarioInput): Promise<PacedFeed> {
  const { frames, truth } = simulate(parseScenario(input));
  const simStart = truth.start;
  let timer: NodeJS.Timeout | undefined;
  let client: Socket | undefined;
  let setStarted: (t: number) => void = () => {};
  const started = new Promise<number>((r) => (setStarted = r));
  const server: Server = createServer((s) => {
    if (client) return void s.destroy();
    client = s;
    s.on('error', () => undefined);
    const t0 = Date.now() / 1000;
    setStarted(t0);
    let next = 0;
    // Every 100 ms, the frames whose scenario time has come.
    timer = setInterval(() => {
      const upTo = simStart + (Date.now() / 1000 - t0);
      let end = next;
      while (end < frames.length && frames[end].t <= upTo) end++;
      if (end > next) s.write(writeBeast(frames.slice(next, end), simStart));
      next = end;
    }, 100);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const addr = server.address();
  return {
    port: typeof addr === 'object' && addr ? addr.port : 0,
    started,
    truth,
    close: () =>
      new Promise<void>((r) => {
        clearInterval(timer);
        client?.destroy();
        server.close(() => r());
      }),
  };
}

/**
 * The same jammer as a recording: a Beast file in `dir` (counter 0 at the scenario start) and an
 * alerts file holding `alerts`; ingest it with `--start startIso --alerts alertsFile`.
 */
export async function writeJammerRecording(dir: string, alerts: object): Promise<{ rec: string; alertsFile: string; startIso: string; truth: Truth }> {
  const { frames, truth } = simulate(parseScenario(jammerSwitchOnScenario(120, 900)));
  const rec = join(dir, 'jam.bin');
  await writeFile(rec, writeBeast(frames, truth.start));
  const alertsFile = join(dir, 'alerts.json');
  await writeFile(alertsFile, JSON.stringify(alerts));
  return { rec, alertsFile, startIso: new Date(truth.start * 1000).toISOString(), truth };
}
