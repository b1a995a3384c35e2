import { describe, expect, it } from 'vitest';
import type { DimensionDefinition } from '../../src/core/dimension.js';
import type { MeasuredSet } from '../../src/measure/measured-set.js';
import { userWordsDefinition } from '../measure/measured-fixtures.js';
import { buildRealismReport } from '../../src/report/build-realism-report.js';

const definitions: DimensionDefinition[] = [userWordsDefinition];

function set(name: string, kind: 'real' | 'simulated', values: number[]): MeasuredSet {
  return {
    name,
    kind,
    backends: { length: 'test' },
    dialogues: values.map((value, index) => ({
      id: `${name}-${index}`,
      domain: 'd',
      annotations: { length: { dialogueId: `${name}-${index}`, numeric: { user_words: value }, categorical: {} } },
    })),
  };
}

describe('report histograms', () => {
  it('share bins within a comparison and give a set outside any comparison bins of its own', () => {
    const report = buildRealismReport({
      toolVersion: 'test',
      seed: 1,
      resamples: 100,
      noiseFloorSplits: 3,
      sets: [],
      measuredSets: [
        set('real', 'real', [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]),
        set('sim', 'simulated', [5, 6, 7, 8, 9, 10, 11, 12, 13, 14]),
        set('archive', 'real', [1000, 2000, 3000, 4000]),
      ],
      definitions,
      backends: { length: 'test' },
      comparisons: [{ real: 'real', simulated: 'sim', paired: false }],
    });
    const edges = (name: string) =>
      (report.histograms ?? []).filter((row) => row.set === name).map((row) => [row.binLow, row.binHigh]);
    // real + sim pooled: whole numbers 1..14 → integer-width bins starting at 1; the archive (1000..4000) does not stretch them
    expect(edges('real')).toEqual(edges('sim'));
    expect(edges('real')[0]?.[0]).toBe(1);
    expect(edges('real').at(-1)?.[1]).toBeLessThanOrEqual(15);
    expect(edges('archive')[0]?.[0]).toBeGreaterThanOrEqual(1000);
  });
});
