import { describe, expect, it } from 'vitest';
import type { DimensionDefinition } from '../../src/core/dimension.js';
import { compareSets } from '../../src/measure/compare-sets.js';
import { correlateAcrossDomains } from '../../src/measure/correlate-across-domains.js';
import type { MeasuredDialogue, MeasuredSet } from '../../src/measure/measured-set.js';
import { createSeededRandom, randomIndex } from '../../src/measure/seeded-random.js';
import { syntheticTagDefinition } from '../helpers/synthetic-tag-definition.js';

/** 6 numeric + 4 categorical measures, the shape of the surface and communicative dimensions. */
const definitions: DimensionDefinition[] = [
  {
    id: 'surface',
    level: 'surface-form',
    title: 'surface',
    description: 'synthetic',
    measures: ['words', 'turns', 'grade', 'mtld', 'errors', 'errorRate'].map((id) => ({
      id,
      scale: 'numeric' as const,
      unit: 'units',
      description: 'synthetic',
    })),
  },
  syntheticTagDefinition,
];

function syntheticSet(name: string, kind: 'real' | 'simulated', seed: number, shift: number): MeasuredSet {
  const random = createSeededRandom(seed);
  const dialogues: MeasuredDialogue[] = Array.from({ length: 1000 }, (_, index) => {
    const numeric: Record<string, number | null> = {};
    for (const measure of ['words', 'turns', 'grade', 'mtld', 'errors', 'errorRate']) {
      numeric[measure] = Math.round((random() * 100 + shift) * 100) / 100;
    }
    const categorical: Record<string, string[]> = {};
    [7, 9, 7, 8].forEach((size, measure) => {
      categorical[`tags${measure}`] = Array.from({ length: 3 + randomIndex(random, 10) }, () => `c${randomIndex(random, size)}`);
    });
    return {
      id: `${name}-${index}`,
      domain: `domain${index % 17}`,
      scenarioId: `scenario${index}`,
      annotations: {
        surface: { dialogueId: `${name}-${index}`, numeric, categorical: {} },
        tags: { dialogueId: `${name}-${index}`, numeric: {}, categorical },
      },
    };
  });
  return { name, kind, dialogues, backends: { surface: 'synthetic', tags: 'synthetic' } };
}

describe('measure stage speed', () => {
  it('compares 1,000 vs 1,000 dialogues (10 measures, 17 domains, 1,000 resamples) within a few seconds', () => {
    const real = syntheticSet('real', 'real', 1, 0);
    const simulated = syntheticSet('sim', 'simulated', 2, 5);
    const started = performance.now();
    const rows = compareSets({ real, simulated, definitions, seed: 1, resamples: 1000, paired: false });
    const compareSeconds = (performance.now() - started) / 1000;
    const correlationStarted = performance.now();
    const correlations = correlateAcrossDomains({ real, simulated, definitions, seed: 1, resamples: 1000 });
    const correlateSeconds = (performance.now() - correlationStarted) / 1000;
    process.stderr.write(`measure speed: compareSets ${compareSeconds.toFixed(2)} s, correlateAcrossDomains ${correlateSeconds.toFixed(2)} s\n`);
    expect(rows).toHaveLength(10 * 18);
    expect(correlations).toHaveLength(6 + 7 + 9 + 7 + 8);
    // Target is < 2 s on the 2-core development machine; the bound leaves room for a loaded CI runner.
    expect(compareSeconds).toBeLessThan(6);
  });
});
