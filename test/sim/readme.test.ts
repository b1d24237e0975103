import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { SCENARIO_DOC } from '../../src/sim/scenario.ts';

describe('README scenario documentation', () => {
  it('documents every scenario field the schema accepts, as the schema describes it', () => {
    const readme = readFileSync('README.md', 'utf8');
    const rows = SCENARIO_DOC.split('\n').filter((l) => l.startsWith('| `'));
    expect(rows.length).toBeGreaterThan(40);
    for (const row of rows) expect(readme, row).toContain(row);
  });
});
