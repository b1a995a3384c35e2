import { describe, expect, it } from 'vitest';
import { RealsimError } from '../../src/core/realsim-error.js';
import { buildMeasureSample } from '../../src/measure/measure-sample.js';
import { createMembershipDistance } from '../../src/measure/membership-distance.js';
import { permutationPValue, permutationPValues, type MembershipStatistic } from '../../src/measure/permutation-p-value.js';
import { createSampleDistance } from '../../src/measure/sample-distance.js';
import { createSeededRandom, randomIndex } from '../../src/measure/seeded-random.js';
import { feedbackDefinition, knowledgeDefinition, lengthDefinition, measuredDialogue } from './measured-fixtures.js';

/** |mean of group A − mean of group B| over pooled values (A: the flagged units, B: the others). */
function meanDifference(values: number[]): MembershipStatistic {
  return (inA) => {
    let sumA = 0;
    let sumB = 0;
    let countA = 0;
    values.forEach((value, index) => {
      if (inA[index] === 1) {
        sumA += value;
        countA += 1;
      } else sumB += value;
    });
    return Math.abs(sumA / countA - sumB / (values.length - countA));
  };
}

describe('permutationPValue', () => {
  it('matches the exact enumeration of a tiny unpaired case', () => {
    // Pooled values A = [1, 2], B = [3, 4]; |mean A − mean B| for the C(4, 2) = 6 ways to pick group A:
    // {1,2} → 2, {3,4} → 2, {1,3} → 1, {2,4} → 1, {1,4} → 0, {2,3} → 0. Observed 2: exact p = 2/6 = 1/3.
    const result = permutationPValue({ sizeA: 2, sizeB: 2, statistic: meanDifference([1, 2, 3, 4]), random: createSeededRandom(5), permutations: 20000 });
    expect(result.observed).toBe(2);
    expect(result.validPermutations).toBe(20000);
    // Monte-Carlo standard error √(⅓·⅔/20000) ≈ 0.0033.
    expect(Math.abs((result.pValue as number) - 1 / 3)).toBeLessThan(0.012);
  });

  it('matches the exact enumeration of a tiny paired case (swaps within pairs only)', () => {
    // Pairs (1 | 3) and (2 | 4). The 4 equally likely swap patterns give group A = {1,2} → 2, {3,2} → 0,
    // {1,4} → 0, {3,4} → 2. Observed 2: exact p = 2/4 = 1/2 (the unpaired test would give 1/3).
    const result = permutationPValue({ sizeA: 2, sizeB: 2, statistic: meanDifference([1, 2, 3, 4]), random: createSeededRandom(5), permutations: 20000, paired: true });
    expect(Math.abs((result.pValue as number) - 1 / 2)).toBeLessThan(0.012);
  });

  it('is (1 + at least as extreme) / (1 + permutations), so 1 when every relabelling ties', () => {
    const constant = permutationPValue({ sizeA: 3, sizeB: 3, statistic: () => 7, random: createSeededRandom(1), permutations: 99 });
    expect(constant.pValue).toBe(1);
    // A statistic that is 1 only for the observed labelling: with sizes 1 | 1 the relabellings are the
    // observed one or the swap, each with probability ½, so (1 + k) / 101 with k ≈ 50.
    const observedOnly = permutationPValue({
      sizeA: 1,
      sizeB: 1,
      statistic: (inA) => (inA[0] === 1 ? 1 : 0),
      random: createSeededRandom(2),
      permutations: 100,
    });
    expect(observedOnly.pValue).toBeGreaterThan(35 / 101);
    expect(observedOnly.pValue).toBeLessThan(67 / 101);
    expect(((observedOnly.pValue as number) * 101) % 1).toBeCloseTo(0, 9);
  });

  it('counts smaller values as more extreme for a similarity', () => {
    // Same tiny case as above with the statistic negated: −2 is the smallest value, exact p = 1/3.
    const negated: MembershipStatistic = (inA) => -(meanDifference([1, 2, 3, 4])(inA) as number);
    const result = permutationPValue({ sizeA: 2, sizeB: 2, statistic: negated, tail: 'smaller', random: createSeededRandom(5), permutations: 20000 });
    expect(Math.abs((result.pValue as number) - 1 / 3)).toBeLessThan(0.012);
  });

  it('is deterministic per seed, null when the observed statistic is undefined, and rejects bad input', () => {
    const options = { sizeA: 4, sizeB: 3, statistic: meanDifference([1, 5, 2, 8, 3, 3, 9]), permutations: 50 };
    const first = permutationPValue({ ...options, random: createSeededRandom(9) });
    expect(permutationPValue({ ...options, random: createSeededRandom(9) })).toEqual(first);
    expect(permutationPValue({ ...options, statistic: () => null, random: createSeededRandom(9) }).pValue).toBeNull();
    expect(() => permutationPValue({ ...options, permutations: 0, random: createSeededRandom(9) })).toThrow(RealsimError);
    expect(() => permutationPValue({ ...options, paired: true, random: createSeededRandom(9) })).toThrow(/equal sizes when paired/);
  });

  it('evaluates several statistics on the same relabellings', () => {
    const seen: string[][] = [[], []];
    const recorder = (slot: number): MembershipStatistic => (inA) => {
      seen[slot]?.push(inA.join(''));
      return 0;
    };
    permutationPValues({ sizeA: 3, sizeB: 2, statistics: [recorder(0), recorder(1)], tails: ['larger', 'larger'], random: createSeededRandom(3), permutations: 20 });
    expect(seen[0]).toEqual(seen[1]);
    expect(seen[0]?.[0]).toBe('11100');
    // each relabelling puts exactly 3 of the 5 units in group A
    for (const labelling of seen[0] ?? []) expect([...labelling].filter((digit) => digit === '1')).toHaveLength(3);
    // and the relabellings are not all the same
    expect(new Set(seen[0]).size).toBeGreaterThan(3);
  });
});

describe('createMembershipDistance', () => {
  it('equals createSampleDistance(pooled, pooled) with A the listed units and B the rest, for every scale', () => {
    const random = createSeededRandom(11);
    const dialogues = Array.from({ length: 30 }, (_, index) =>
      measuredDialogue({
        id: `d${index}`,
        words: index % 7 === 0 ? null : randomIndex(random, 20),
        tags: Array.from({ length: randomIndex(random, 4) }, () => ['positive', 'negative', 'none'][randomIndex(random, 3)] as string),
        vectors: index % 5 === 0 ? [] : [[random() - 0.5, random() - 0.5, random()]],
      }),
    );
    const measures = [
      [lengthDefinition, lengthDefinition.measures[0]],
      [feedbackDefinition, feedbackDefinition.measures[0]],
      [knowledgeDefinition, knowledgeDefinition.measures[0]],
    ] as const;
    for (const [definition, measure] of measures) {
      const pooled = buildMeasureSample(dialogues, definition.id, measure!, ['positive', 'negative', 'none']);
      const fast = createMembershipDistance(pooled);
      const reference = createSampleDistance(pooled, pooled);
      for (let trial = 0; trial < 20; trial += 1) {
        const membershipA = new Uint32Array(30);
        const membershipB = new Uint32Array(30);
        const inA = new Uint8Array(30);
        // Trial 0 puts every unit in A (B empty: undefined); the others split the units at random.
        for (let index = 0; index < 30; index += 1) {
          const toA = trial === 0 || randomIndex(random, 2) === 0;
          membershipA[index] = toA ? 1 : 0;
          membershipB[index] = toA ? 0 : 1;
          inA[index] = toA ? 1 : 0;
        }
        const expected = reference(membershipA, membershipB);
        const actual = fast(inA);
        if (expected === null) expect(actual).toBeNull();
        else expect(actual).toBeCloseTo(expected, 12);
      }
    }
  });
});
