/**
 * gpsjam.org's daily files, so tools built for gpsjam data read gnsswatch's: one CSV per UTC day,
 * `YYYY-MM-DD-h3_4.csv`, with `hex,count_good_aircraft,count_bad_aircraft` per H3 resolution-4
 * cell: the distinct aircraft seen there that day with good and with degraded navigation integrity
 * (an aircraft degraded at any time in the cell counts as bad).
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Method } from '../detect/types.ts';
import type { Store, TimeRange } from '../store/store.ts';

export const GPSJAM_RES = 4;
const DAY = 86400;
export const GPSJAM_HEADER = 'hex,count_good_aircraft,count_bad_aircraft';

export function gpsjamFileName(dayStart: number): string {
  return `${new Date(dayStart * 1000).toISOString().slice(0, 10)}-h3_${GPSJAM_RES}.csv`;
}

/** Write a file per UTC day overlapping the range that has data; returns the files written and their rows. */
export async function writeGpsjamDays(store: Store, r: TimeRange, dir: string, method: Method): Promise<{ files: string[]; rows: number }> {
  const files: string[] = [];
  let rows = 0;
  for (let day = Math.floor(r.from / DAY) * DAY; day < r.to; day += DAY) {
    const cells = await store.cells({ from: day, to: day + DAY, res: GPSJAM_RES, method, bucket: DAY });
    const today = cells.filter((c) => c.bucket_start === day).sort((a, b) => (a.cell < b.cell ? -1 : a.cell > b.cell ? 1 : 0));
    if (today.length === 0) continue;
    const path = join(dir, gpsjamFileName(day));
    await writeFile(path, `${GPSJAM_HEADER}\n${today.map((c) => `${c.cell},${c.healthy},${c.degraded}`).join('\n')}\n`);
    files.push(path);
    rows += today.length;
  }
  return { files, rows };
}
