/**
 * Alert latency end to end: a jammer switches on 30 s into a live Beast feed paced at real time
 * over TCP; the live ingest with 1-minute buckets and the alert service must deliver a signed
 * `event.started` for a watch area round the jammer to a real webhook receiver within 2 minutes of
 * the onset, and the event's start must be close to the onset. Takes about a minute of wall time.
 */
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { LATENCY_SECRET, runAlertLatency } from './latency-run.ts';

describe('alert latency on a live feed', () => {
  it('delivers a signed event.started within 2 minutes of a jammer switching on', async () => {
    const { onset, started: got, jammed } = await runAlertLatency();
    const latency = got.at - onset;
    process.stdout.write(`alert latency: event.started ${latency.toFixed(1)} s after the jammer switched on\n`);
    expect(latency).toBeGreaterThan(0);
    expect(latency).toBeLessThanOrEqual(120);
    expect(got.headers['x-gnsswatch-signature']).toBe(`sha256=${createHmac('sha256', LATENCY_SECRET).update(got.body).digest('hex')}`);
    const msg = JSON.parse(got.body) as { type: string; area: string; event: { kind: string; start: number; aircraft: string[] } };
    expect(msg.area).toBe('Kaesong');
    expect(msg.event.kind).toBe('jamming');
    // 1-minute buckets: the event starts in the minute of the onset, or the next one.
    expect(Math.abs(msg.event.start - onset)).toBeLessThanOrEqual(90);
    // The affected aircraft are among those the simulator jammed.
    expect(msg.event.aircraft.filter((a) => jammed.has(a)).length).toBeGreaterThanOrEqual(2);
  }, 400_000);
});
