/**
 * Two writers of one store: rows another process stores between this process's read of the rows
 * and its write of the jamming events must not be lost from the events (README "Storing on
 * ClickHouse"). The Incheon scenario split by aircraft into two recordings; the second one's rows
 * are stored at the worst moment, inside the first refresh's write. The oracle is the refresh of a
 * store that held both halves from the start.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { refreshJammingEvents } from '../../src/ingest/events.ts';
import { runInputs } from '../../src/ingest/pipeline.ts';
import { StoreIngest } from '../../src/ingest/store-ingest.ts';
import { openDuckDbStore } from '../../src/store/duckdb.ts';
import type { Store } from '../../src/store/store.ts';
import type { InterferenceEvent } from '../../src/detect/types.ts';
import { incheonHalvesForTests } from './incheon-halves.ts';

const H = incheonHalvesForTests('gw-refresh-race-');

/** Store a recording's rows (no events), as an ingest process does before its refresh; its time span. */
async function storeRows(store: Store, file: string) {
  const ingest = new StoreIngest(store);
  await runInputs([file], { start: H.truth.start }, [ingest]);
  await ingest.flushAll();
  return ingest.span;
}

const summary = (events: InterferenceEvent[]) => events.map((e) => ({ id: e.id, start: e.start, end: e.end, cells: e.cells, aircraft: e.aircraft, source: e.source }));

describe('jamming events with two writers', () => {
  it("forms them again when another writer's rows land between the read and the write", async () => {
    const both = await openDuckDbStore(join(H.dir, 'both.duckdb'));
    const spanA = await storeRows(both, H.a);
    const spanB = await storeRows(both, H.b);
    const range = { from: Math.min(spanA.from, spanB.from), to: Math.max(spanA.to, spanB.to) };
    await refreshJammingEvents(both, range);
    const expected = summary((await both.events({ from: range.from - 86_400, to: range.to + 86_400 })).filter((e) => e.kind === 'jamming'));
    await both.close();
    expect(expected.length).toBeGreaterThan(0);

    const raced = await openDuckDbStore(join(H.dir, 'raced.duckdb'));
    await storeRows(raced, H.a);
    let landed = false;
    // The same store, except that the other half's rows are stored just before the first event write.
    const racing = new Proxy(raced, {
      get(target, prop) {
        if (prop !== 'replaceEvents') return Reflect.get(target, prop).bind(target);
        return async (...args: Parameters<Store['replaceEvents']>) => {
          if (!landed) {
            landed = true;
            await storeRows(target, H.b);
          }
          return target.replaceEvents(...args);
        };
      },
    });
    const r = await refreshJammingEvents(racing, spanA);
    expect(landed).toBe(true);
    const stored = summary((await raced.events({ from: range.from - 86_400, to: range.to + 86_400 })).filter((e) => e.kind === 'jamming'));
    await raced.close();
    expect(stored).toEqual(expected);
    expect(summary(r.written)).toEqual(expected);
  }, 300_000);
});
