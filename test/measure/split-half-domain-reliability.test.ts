import { describe, expect, it } from 'vitest';
import type { DimensionDefinition } from '../../src/core/dimension.js';
import type { MeasuredSet } from '../../src/measure/measured-set.js';
import { userWordsDefinition } from './measured-fixtures.js';
import { splitHalfDomainReliability } from '../../src/measure/split-half-domain-reliability.js';

const definitions: DimensionDefinition[] = [userWordsDefinition];

function setWithValues(valuesByDomain: Record<string, number[]>): MeasuredSet {
  return {
    name: 'real',
    kind: 'real',
    backends: { length: 'test' },
    dialogues: Object.entries(valuesByDomain).flatMap(([domain, values]) =>
      values.map((value, index) => ({
        id: `${domain}-${index}`,
        domain,
        annotations: { length: { dialogueId: `${domain}-${index}`, numeric: { user_words: value }, categorical: {} } },
      })),
    ),
  };
}

describe('splitHalfDomainReliability', () => {
  it('gives r = 1 when every dialogue of a domain has the same value and domains differ', () => {
    // each half of domain a has mean 10, of b 20, of c 40: the two halves' profiles (10, 20, 40) coincide, r = 1
    const set = setWithValues({ a: [10, 10, 10, 10], b: [20, 20, 20, 20], c: [40, 40, 40, 40] });
    const [row] = splitHalfDomainReliability({ set, definitions, seed: 3, resamples: 200 });
    expect(row?.real).toBe('real');
    expect(row?.simulated).toBe('real (other half)');
    expect(row?.domains).toBe(3);
    expect(row?.r).toBe(1);
  });

  it('splits within each domain, so both halves keep every domain', () => {
    // domain c has only 2 dialogues: one per half; a profile on 3 domains still exists
    const set = setWithValues({ a: [1, 3], b: [5, 7], c: [20, 22] });
    const [row] = splitHalfDomainReliability({ set, definitions, seed: 1, resamples: 200 });
    expect(row?.domains).toBe(3);
    // halves' domain means are one value of each pair: (1|3, 5|7, 20|22), always strongly correlated: r > 0.98
    expect(row?.r).toBeGreaterThan(0.98);
  });

  it('is deterministic for a seed', () => {
    const set = setWithValues({ a: [1, 9, 4, 6], b: [2, 8, 3, 7], c: [5, 5, 1, 9], d: [3, 3, 8, 2] });
    const first = splitHalfDomainReliability({ set, definitions, seed: 5, resamples: 200 });
    const second = splitHalfDomainReliability({ set, definitions, seed: 5, resamples: 200 });
    expect(first).toEqual(second);
  });
});
