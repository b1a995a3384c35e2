import { describe, expect, it } from 'vitest';
import { sumWeightsByAtom } from '../../src/measure/aggregate-sample.js';
import { bootstrapIntervals } from '../../src/measure/bootstrap-interval.js';
import { buildMeasureSample } from '../../src/measure/measure-sample.js';
import type { MeasureDefinition } from '../../src/core/dimension.js';
import type { MeasuredDialogue } from '../../src/measure/measured-set.js';
import { createMembershipDistance } from '../../src/measure/membership-distance.js';
import { noiseFloors } from '../../src/measure/noise-floor.js';
import { permutationPValues } from '../../src/measure/permutation-p-value.js';
import { createSampleDistance } from '../../src/measure/sample-distance.js';
import { INTEGER_INDEX_LIMIT, KernelArena } from '../../src/measure/kernels/resampling-kernels.js';
import { signedLeb128, unsignedLeb128 } from '../../src/measure/kernels/wasm-encoding.js';
import { createSeededRandom, randomIndex } from '../../src/measure/seeded-random.js';
import { wassersteinDistanceOnSupport } from '../../src/measure/wasserstein-distance.js';

/** The first index where two equally long arrays differ, or −1 (a deep toEqual of 2 million elements is slow). */
function firstDifference(a: Uint32Array, b: Uint32Array): number {
  if (a.length !== b.length) return Math.min(a.length, b.length);
  return a.findIndex((value, index) => value !== b[index]);
}

describe('wasm encoding', () => {
  it('writes LEB128 as in the WebAssembly specification examples', () => {
    expect(unsignedLeb128(0)).toEqual([0x00]);
    expect(unsignedLeb128(624485)).toEqual([0xe5, 0x8e, 0x26]);
    expect(signedLeb128(-123456)).toEqual([0xc0, 0xbb, 0x78]);
    expect(signedLeb128(63)).toEqual([0x3f]);
    expect(signedLeb128(64)).toEqual([0xc0, 0x00]);
    expect(signedLeb128(-64)).toEqual([0x40]);
    expect(signedLeb128(0x6d2b79f5)).toEqual([0xf5, 0xf3, 0xad, 0xe9, 0x06]);
  });
});

describe('KernelArena', () => {
  it('draws bootstrap multiplicities identical to the JavaScript draws of createSeededRandom', () => {
    const arena = new KernelArena();
    for (const size of [1, 2, 7, 1000]) {
      const random = createSeededRandom(size * 31 + 5);
      const weights = arena.uint32Array(size);
      random.stream.state = arena.drawBootstrapWeights(weights, random.stream.state);
      random.stream.state = arena.drawBootstrapWeights(weights, random.stream.state);

      const reference = createSeededRandom(size * 31 + 5);
      const expected = new Uint32Array(size);
      for (let pass = 0; pass < 2; pass += 1) {
        expected.fill(0);
        for (let draw = 0; draw < size; draw += 1) expected[randomIndex(reference, size)]! += 1;
      }
      expect([...weights]).toEqual([...expected]);
      expect(weights.reduce((total, weight) => total + weight, 0)).toBe(size);
      // The stream goes on where the kernel left it.
      expect(random()).toBe(reference());
    }
  });

  it('turns a draw into the index randomIndex gives, in 64-bit integers up to 2^21 units and in doubles above', () => {
    // The integer index (bits × count) >> 32 equals Math.floor(bits / 2^32 × count) for count ≤ 2^21.
    const random = createSeededRandom(77);
    const extremes = [0, 1, 2 ** 31, 2 ** 32 - 2, 2 ** 32 - 1];
    for (const count of [1, 3, 1000, 50_000, INTEGER_INDEX_LIMIT - 1, INTEGER_INDEX_LIMIT]) {
      for (const bits of [...extremes, ...Array.from({ length: 2000 }, () => Math.floor(random() * 2 ** 32))]) {
        expect(Number((BigInt(bits) * BigInt(count)) >> 32n)).toBe(Math.floor((bits / 2 ** 32) * count));
      }
    }
    // Both kernels draw randomIndex's indexes: at the limit (integer arithmetic) and just above it (doubles).
    const arena = new KernelArena();
    for (const size of [INTEGER_INDEX_LIMIT, INTEGER_INDEX_LIMIT + 1]) {
      const drawn = createSeededRandom(size);
      const reference = createSeededRandom(size);
      const weights = arena.uint32Array(size);
      drawn.stream.state = arena.drawBootstrapWeights(weights, drawn.stream.state);
      const expected = new Uint32Array(size);
      for (let draw = 0; draw < size; draw += 1) expected[randomIndex(reference, size)]! += 1;
      expect(firstDifference(weights, expected)).toBe(-1);
      const order = arena.uint32Array(size);
      order.forEach((_, index) => (order[index] = index));
      const inA = arena.uint8Array(size);
      drawn.stream.state = arena.drawPartialShuffle(order, inA, 1000, drawn.stream.state);
      const expectedOrder = Uint32Array.from({ length: size }, (_, index) => index);
      for (let position = 0; position < 1000; position += 1) {
        const swapWith = position + randomIndex(reference, size - position);
        [expectedOrder[position], expectedOrder[swapWith]] = [expectedOrder[swapWith]!, expectedOrder[position]!];
      }
      expect(firstDifference(order, expectedOrder)).toBe(-1);
      expect(inA.reduce((total, flag) => total + flag, 0)).toBe(1000);
      expect(drawn()).toBe(reference());
    }
  });

  it('draws the same partial shuffles and pair swaps as the JavaScript loops', () => {
    const arena = new KernelArena();
    const sizeA = 5;
    const size = 12;
    const order = arena.uint32Array(size);
    const inA = arena.uint8Array(size);
    order.forEach((_, index) => (order[index] = index));
    const random = createSeededRandom(9);
    const reference = createSeededRandom(9);
    const expectedOrder = Uint32Array.from(order);
    const expectedInA = new Uint8Array(size);
    for (let permutation = 0; permutation < 3; permutation += 1) {
      random.stream.state = arena.drawPartialShuffle(order, inA, sizeA, random.stream.state);
      expectedInA.fill(0);
      for (let position = 0; position < sizeA; position += 1) {
        const swapWith = position + randomIndex(reference, size - position);
        const drawn = expectedOrder[swapWith]!;
        expectedOrder[swapWith] = expectedOrder[position]!;
        expectedOrder[position] = drawn;
        expectedInA[drawn] = 1;
      }
      expect([...order]).toEqual([...expectedOrder]);
      expect([...inA]).toEqual([...expectedInA]);
      expect(inA.reduce((total, flag) => total + flag, 0)).toBe(sizeA);
    }
    const pairs = arena.uint8Array(8);
    random.stream.state = arena.drawPairSwaps(pairs, 4, random.stream.state);
    const expectedPairs: number[] = new Array(8).fill(0);
    for (let pair = 0; pair < 4; pair += 1) {
      const swap = reference() < 0.5 ? 1 : 0;
      expectedPairs[pair] = 1 - swap;
      expectedPairs[4 + pair] = swap;
    }
    expect([...pairs]).toEqual(expectedPairs);
    expect(random()).toBe(reference());
  });

  it('adds weights and flags per atom, expands patterns, subtracts and integrates W1 exactly as the JavaScript functions', () => {
    const arena = new KernelArena();
    // Hand-worked: atoms 0..2 plus the spare slot 3; units → atoms 2, 0, 2, 3, 1.
    const atomOf = arena.copyOf(Uint32Array.from([2, 0, 2, 3, 1]));
    const weights = arena.copyOf(Uint32Array.from([1, 0, 3, 2, 1]));
    const into = arena.float64Array(4);
    into.fill(99);
    expect([...arena.sumWeightsByAtom(atomOf, weights, into)]).toEqual([0, 1, 4, 2]);
    const flags = arena.copyOf(Uint8Array.from([1, 1, 0, 1, 0]));
    expect([...arena.sumFlagsByAtom(atomOf, flags, into)]).toEqual([1, 0, 1, 1]);
    // Patterns {a, a, c} and {b}: weights 2 and 3 → counts a 4, b 3, c 2 (total 9); a zero weight adds nothing.
    const patterns = {
      offsets: arena.copyOf(Uint32Array.from([0, 2, 3, 4])),
      categoryIndexes: arena.copyOf(Uint32Array.from([0, 2, 1, 0])),
      counts: arena.copyOf(Float64Array.from([2, 1, 1, 5])),
    };
    const categoryCounts = arena.float64Array(3);
    expect(arena.expandPatternCounts(patterns, arena.copyOf(Float64Array.from([2, 3, 0])), categoryCounts)).toBe(9);
    expect([...categoryCounts]).toEqual([4, 3, 2]);
    // W1 of {0, 1, 1} vs {1, 3}: F_a − F_b = 1/3 on [0,1), 0 − ½ … worked: ∫ = 1/3·1 + |1 − ½|·2 = 4/3.
    const gaps = arena.copyOf(Float64Array.from([1, 2]));
    const weightsA = arena.copyOf(Float64Array.from([1, 2, 0]));
    const weightsB = arena.copyOf(Float64Array.from([0, 1, 1]));
    expect(arena.wassersteinWithTotals(gaps, weightsA, weightsB, 3, 2)).toBeCloseTo(4 / 3, 12);
    // The same pair as group A of the pooled {0, 1, 1, 1, 3} (counts 1, 3, 1) and its complement: 4/3 again.
    const pooledCounts = arena.copyOf(Float64Array.from([1, 3, 1]));
    expect(arena.wassersteinOfComplement(gaps, weightsA, pooledCounts, 3, 2)).toBe(arena.wassersteinWithTotals(gaps, weightsA, weightsB, 3, 2));
    expect(arena.wassersteinOfComplement(gaps, weightsA, pooledCounts, 3, 0)).toBeNull();
    expect(arena.wassersteinWithTotals(gaps, weightsA, arena.float64Array(3), 3, 0)).toBeNull();

    // Random inputs: bit-identical to the JavaScript versions.
    const random = createSeededRandom(4);
    for (let trial = 0; trial < 20; trial += 1) {
      const atoms = 1 + randomIndex(random, 50);
      const units = randomIndex(random, 300);
      const randomAtoms = arena.copyOf(Uint32Array.from({ length: units }, () => randomIndex(random, atoms + 1)));
      const randomWeights = arena.copyOf(Uint32Array.from({ length: units }, () => randomIndex(random, 4)));
      const kernelResult = arena.float64Array(atoms + 1);
      const total = arena.sumWeightsByAtomWithTotal(randomAtoms, randomWeights, kernelResult);
      const expected = sumWeightsByAtom(randomAtoms, randomWeights, new Float64Array(atoms + 1));
      expect([...kernelResult]).toEqual([...expected]);
      expect(total).toBe(expected.subarray(0, atoms).reduce((sum, weight) => sum + weight, 0));
      const support = Float64Array.from({ length: atoms }, (_, index) => index * 0.37 + random());
      const gaps = arena.copyOf(support.subarray(1).map((value, index) => value - (support[index] as number)));
      const other = arena.copyOf(Float64Array.from({ length: atoms + 1 }, () => randomIndex(random, 5)));
      const otherTotal = other.subarray(0, atoms).reduce((sum, weight) => sum + weight, 0);
      expect(arena.wassersteinWithTotals(gaps, kernelResult, other, total, otherTotal)).toBe(wassersteinDistanceOnSupport(support, kernelResult, other));
      const pooled = arena.copyOf(kernelResult.map((weight, atom) => weight + (other[atom] as number)));
      expect(arena.wassersteinOfComplement(gaps, kernelResult, pooled, total, otherTotal)).toBe(wassersteinDistanceOnSupport(support, kernelResult, other));
    }
  });

  it('adds up per atom in 32-bit integers when the atoms are few, with the same sums as in doubles', () => {
    const arena = new KernelArena();
    // 1,000 units over atoms 0..3 and the spare slot 4 in turn, weight 2 each: 400 per slot, total 1,600 without the spare.
    const atomOf = arena.copyOf(Uint32Array.from({ length: 1000 }, (_, unit) => unit % 5));
    const into = arena.float64Array(5);
    expect(arena.sumWeightsByAtomWithTotal(atomOf, arena.copyOf(new Uint32Array(1000).fill(2)), into)).toBe(1600);
    expect([...into]).toEqual([400, 400, 400, 400, 400]);
    const flags = arena.copyOf(Uint8Array.from({ length: 1000 }, (_, unit) => (unit < 10 ? 1 : 0)));
    expect(arena.sumFlagsByAtomWithTotal(atomOf, flags, into)).toBe(8);
    expect([...into]).toEqual([2, 2, 2, 2, 2]);
    // Sums of 2^31 and more stay unsigned: 3,000,000,000 + 1,000,000,000 on atom 0 of 8 units.
    const large = arena.copyOf(Uint32Array.from([3_000_000_000, 0, 0, 0, 1_000_000_000, 5, 0, 7]));
    const fewAtoms = arena.float64Array(2);
    expect(arena.sumWeightsByAtomWithTotal(arena.copyOf(Uint32Array.from([0, 0, 0, 0, 0, 1, 1, 1])), large, fewAtoms)).toBe(4_000_000_000);
    expect([...fewAtoms]).toEqual([4_000_000_000, 12]);
    // A growing number of atoms (the scratch counts grow) against the JavaScript sums.
    const random = createSeededRandom(12);
    for (const atoms of [3, 40, 9, 250]) {
      const units = arena.copyOf(Uint32Array.from({ length: 4000 }, () => randomIndex(random, atoms + 1)));
      const weights = arena.copyOf(Uint32Array.from({ length: 4000 }, () => randomIndex(random, 5)));
      expect([...arena.sumWeightsByAtom(units, weights, arena.float64Array(atoms + 1))]).toEqual([...sumWeightsByAtom(units, weights, new Float64Array(atoms + 1))]);
    }
  });

  it('sums weighted values and weights as weightedSampleMean does', () => {
    const arena = new KernelArena();
    const values = arena.copyOf(Float64Array.from([2.5, 0, 4]));
    const hasValue = arena.copyOf(Float64Array.from([1, 0, 1]));
    const weights = arena.copyOf(Uint32Array.from([2, 5, 1]));
    expect(arena.weightedTotals(values, hasValue, weights)).toEqual([9, 3]);
  });

  it('gives W1 and both weighted value sums in one pass, W1 identical to wassersteinWithTotals', () => {
    const arena = new KernelArena();
    const random = createSeededRandom(5);
    for (const atoms of [1, 2, 7, 300]) {
      const values = arena.copyOf(Float64Array.from({ length: atoms }, (_, index) => index * 0.37 + random()));
      const gaps = arena.copyOf(values.subarray(1).map((value, index) => value - (values[index] as number)));
      const weightsA = arena.copyOf(Float64Array.from({ length: atoms + 1 }, () => randomIndex(random, 4)));
      const weightsB = arena.copyOf(Float64Array.from({ length: atoms + 1 }, () => randomIndex(random, 4)));
      weightsA[0] = 1;
      weightsB[atoms - 1] = 2;
      const total = (weights: Float64Array): number => weights.subarray(0, atoms).reduce((sum, weight) => sum + weight, 0);
      const sum = (weights: Float64Array): number => values.reduce((accumulated, value, index) => accumulated + value * (weights[index] as number), 0);
      const result = arena.wassersteinWithTotalsAndSums(gaps, values, weightsA, weightsB, total(weightsA), total(weightsB));
      expect(result?.distance).toBe(arena.wassersteinWithTotals(gaps, weightsA, weightsB, total(weightsA), total(weightsB)));
      // the spare slot (index atoms) is not summed
      expect(result?.sumA).toBe(sum(weightsA));
      expect(result?.sumB).toBe(sum(weightsB));
    }
    // hand-worked: values 1, 3; A = {1, 1, 3}, B = {3}: W1 = ∫|F_A − F_B| = (2/3)·2 = 4/3; sums 5 and 3
    const values = arena.copyOf(Float64Array.from([1, 3]));
    const gaps = arena.copyOf(Float64Array.from([2]));
    const hand = arena.wassersteinWithTotalsAndSums(gaps, values, arena.copyOf(Float64Array.from([2, 1, 0])), arena.copyOf(Float64Array.from([0, 1, 0])), 3, 1);
    expect(hand?.distance).toBeCloseTo(4 / 3, 14);
    expect([hand?.sumA, hand?.sumB]).toEqual([5, 3]);
    expect(arena.wassersteinWithTotalsAndSums(gaps, values, arena.copyOf(Float64Array.from([0, 0, 4])), arena.copyOf(Float64Array.from([0, 1, 0])), 0, 1)).toBeNull();
  });

  it('keeps earlier arrays valid when it grows, and knows which arrays it holds', () => {
    const arena = new KernelArena();
    const early = arena.uint32Array(10);
    early.fill(7);
    const large = arena.float64Array(300_000);
    large[299_999] = 1.5;
    expect([...early]).toEqual(new Array(10).fill(7));
    expect(large[299_999]).toBe(1.5);
    expect(arena.holds(early, large)).toBe(true);
    expect(arena.holds(early, new Uint32Array(3))).toBe(false);
    expect(arena.usedBytes).toBeGreaterThanOrEqual(16 + 40 + 2_400_000);
  });
});

describe('resampling with and without kernels', () => {
  const dialogues = (count: number, seed: number, shift: number): MeasuredDialogue[] => {
    const random = createSeededRandom(seed);
    return Array.from({ length: count }, (_, index) => ({
      id: `d${index}`,
      domain: 'all',
      annotations: {
        length: {
          dialogueId: `d${index}`,
          numeric: { words: index % 7 === 0 ? null : Math.round((random() * 10 + shift) * 4) / 4 },
          categorical: { tags: Array.from({ length: randomIndex(random, 3) }, () => ['a', 'b', 'c'][randomIndex(random, 3)] as string) },
        },
      },
    }));
  };
  const real = dialogues(60, 1, 0);
  const simulated = dialogues(45, 2, 1.5);
  const measures: MeasureDefinition[] = [
    { id: 'words', scale: 'numeric', unit: 'words', description: 'words' },
    { id: 'tags', scale: 'categorical', categories: ['a', 'b', 'c'], unitOfMass: 'tag', includesNone: false, description: 'tags' },
  ];

  it('gives the same intervals and p-values, draw for draw', () => {
    const run = (arena: KernelArena | undefined) => {
      const statistics = measures.map((measure) =>
        createSampleDistance(buildMeasureSample(real, 'length', measure), buildMeasureSample(simulated, 'length', measure), arena),
      );
      const pooled = measures.map((measure) => createMembershipDistance(buildMeasureSample([...real, ...simulated], 'length', measure), arena));
      return {
        intervals: bootstrapIntervals({ sizeA: 60, sizeB: 45, statistics, random: createSeededRandom(11), resamples: 200, arena }),
        pValues: permutationPValues({ sizeA: 60, sizeB: 45, statistics: pooled, tails: ['larger', 'larger'], random: createSeededRandom(12), permutations: 200, arena }),
      };
    };
    const withKernels = run(new KernelArena());
    const withoutKernels = run(undefined);
    expect(withKernels).toEqual(withoutKernels);
    expect(withKernels.intervals[0]?.validResamples).toBe(200);
    // The simulated words are shifted by 1.5: W1's interval sits above 0 and the permutation p is small.
    expect(withKernels.intervals[0]?.low).toBeGreaterThan(0.5);
    expect(withKernels.pValues[0]?.pValue).toBeLessThan(0.05);
  });

  it('gives the same noise floors on the kernels as in JavaScript', () => {
    const run = (arena: KernelArena | undefined) =>
      noiseFloors({
        size: 60,
        distances: measures.map((measure) => {
          const sample = buildMeasureSample(real, 'length', measure);
          return createSampleDistance(sample, sample, arena);
        }),
        random: createSeededRandom(13),
        splits: 21,
        arena,
      });
    const withKernels = run(new KernelArena());
    expect(withKernels).toEqual(run(undefined));
    // Two halves of one set: a small W1 (in words) and TVD, but not 0.
    expect(withKernels[0]).toBeGreaterThan(0);
    expect(withKernels[0]).toBeLessThan(2);
    expect(withKernels[1]).toBeGreaterThan(0);
    expect(withKernels[1]).toBeLessThan(0.5);
  });
});
