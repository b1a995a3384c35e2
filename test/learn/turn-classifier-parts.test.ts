import { describe, expect, it } from 'vitest';
import { HashedFeatureBuilder, hashText, mixHash, namespaceSeed } from '../../src/learn/feature-hashing.js';
import { choosePrevalenceMatchingThreshold } from '../../src/learn/choose-thresholds.js';
import { decodeVocabulary, encodeVocabulary, quantizeLinearModel, unionVocabulary } from '../../src/learn/compact-turn-classifier.js';
import { oneVsRestLogits, sigmoid, trainOneVsRestLogisticRegression, type MultiLabelExample } from '../../src/learn/one-vs-rest-logistic-regression.js';
import { assignFolds } from '../../src/learn/fit-turn-classifier.js';
import { featureTokens, turnFeatures } from '../../src/learn/turn-features.js';
import { occurrenceTvd } from '../../src/learn/validity-figures.js';

describe('HashedFeatureBuilder', () => {
  it('L2-normalises each group to its weight and gives flags their value', () => {
    const builder = new HashedFeatureBuilder(20);
    const seed = namespaceSeed('test');
    for (const word of ['a', 'b', 'c', 'd']) builder.add(seed, word);
    builder.endGroup(1); // four features: 1 / √4 = 0.5 each
    builder.add(seed, 'flag');
    builder.endFlagGroup(1);
    const vector = builder.build();
    expect(vector.indices.length).toBe(5);
    expect([...vector.values].sort()).toEqual([0.5, 0.5, 0.5, 0.5, 1]);
    const bucketOfA = mixHash(hashText(seed, 'a')) & ((1 << 20) - 1);
    expect(vector.values[vector.indices.indexOf(bucketOfA)]).toBe(0.5);
    // indices strictly increasing
    expect([...vector.indices].every((bucket, index, all) => index === 0 || bucket > (all[index - 1] as number))).toBe(true);
  });

  it('drops a group that was never ended', () => {
    const builder = new HashedFeatureBuilder(10);
    builder.add(namespaceSeed('x'), 'y');
    expect(builder.build().indices.length).toBe(0);
  });
});

describe('turnFeatures', () => {
  const context = { turn: 2, text: 'No, that is wrong. Try again please?', previousAssistantText: 'Here is the poem.', previousUserText: 'write a poem', ruleCues: ['feedback-rule:explicit_negative'] };
  it('is a pure function of the turn and its context', () => {
    const first = turnFeatures(context, { bits: 16 });
    const second = turnFeatures({ ...context }, { bits: 16 });
    expect([...first.indices]).toEqual([...second.indices]);
    expect([...first.values]).toEqual([...second.values]);
    expect(first.indices.length).toBeGreaterThan(20);
    // the rule cue is a feature: removing it changes the vector
    expect(turnFeatures({ ...context, ruleCues: [] }, { bits: 16 }).indices.length).toBe(first.indices.length - 1);
  });
  it('tokenises URLs, anonymised names and numbers to placeholders', () => {
    expect(featureTokens('See https://x.org/a NAME_1 has 12345 and 42 cats?')).toEqual(['see', 'xurl', 'xname', 'has', 'x0000', 'and', 'x0', 'cats', '?']);
  });
  it('reads only the head and tail of a 10 MB turn (no stack overflow, bounded work)', () => {
    const huge = { ...context, text: 'word '.repeat(2_000_000) };
    expect(turnFeatures(huge, { bits: 16 }).indices.length).toBeLessThan(400);
  });
});

describe('choosePrevalenceMatchingThreshold', () => {
  it('picks the best F1 among thresholds whose predicted count is within ±15% (at least ±2) of the labelled count', () => {
    // 4 positives, so counts 2–6 qualify. Counts by threshold: 0.71–0.80 → 2 (tp 2, F1 4/6); 0.61–0.70 → 3
    // (tp 3, F1 6/7 = 0.857); 0.31–0.60 → 4 (tp 3, F1 0.75); 0.21–0.30 → 6 (tp 4, F1 0.8). Best: 0.61–0.70,
    // and of those the one nearest 0.5
    const probabilities = [0.9, 0.8, 0.7, 0.6, 0.3, 0.3, 0.2, 0.1, 0.1, 0.05];
    const targets = [1, 1, 1, 0, 1, 0, 0, 0, 0, 0];
    expect(choosePrevalenceMatchingThreshold(probabilities, targets)).toBe(0.61);
  });
  it('falls back to the closest count when none is within the tolerance', () => {
    // 10 positives; three items at 0.9, the rest at 0.01 (below every candidate threshold)
    const probabilities = [0.9, 0.9, 0.9, ...Array.from({ length: 17 }, () => 0.01)];
    const targets = Array.from({ length: 20 }, (_, index) => (index < 10 ? 1 : 0));
    // thresholds 0.02–0.90 predict 3 (error 7), 0.91–0.98 predict 0 (error 10): closest count 3; nearest 0.5 → 0.5
    expect(choosePrevalenceMatchingThreshold(probabilities, targets)).toBe(0.5);
  });
  it('returns 0.5 for an output without positives', () => {
    expect(choosePrevalenceMatchingThreshold([0.2, 0.9], [0, 0])).toBe(0.5);
  });
});

describe('trainOneVsRestLogisticRegression', () => {
  const vector = (indices: number[]) => ({ indices: Int32Array.from(indices), values: Float32Array.from(indices, () => 1) });
  const examples: MultiLabelExample[] = [
    ...Array.from({ length: 20 }, () => ({ features: vector([1, 5]), targets: Uint8Array.from([1, 0]) })),
    ...Array.from({ length: 20 }, () => ({ features: vector([2, 5]), targets: Uint8Array.from([0, 1]) })),
  ];
  const settings = { bucketCount: 8, epochs: 10, learningRate: 0.5, l2Penalty: 0, positiveWeightPower: 0, seed: 3 };
  it('separates a separable problem, and the same seed gives the same weights bit for bit', () => {
    const model = trainOneVsRestLogisticRegression(examples, 2, settings);
    const first = oneVsRestLogits(vector([1, 5]), { tagCount: 2, weights: model.weights, bias: model.bias });
    expect(sigmoid(first[0] as number)).toBeGreaterThan(0.9);
    expect(sigmoid(first[1] as number)).toBeLessThan(0.1);
    const again = trainOneVsRestLogisticRegression(examples, 2, settings);
    expect([...again.weights]).toEqual([...model.weights]);
    expect([...trainOneVsRestLogisticRegression(examples, 2, { ...settings, seed: 4 }).weights]).not.toEqual([...model.weights]);
  });
});

describe('compact models', () => {
  it('encodes a vocabulary exactly (gaps as LEB128)', () => {
    const vocabulary = Int32Array.from([0, 1, 127, 128, 300, 262_143]);
    expect([...decodeVocabulary(encodeVocabulary(vocabulary))]).toEqual([...vocabulary]);
    expect([...unionVocabulary([Int32Array.from([1, 5]), Int32Array.from([2, 5])])]).toEqual([1, 2, 5]);
  });
  it('quantises each output to int8 with scale = max |w| / 127', () => {
    // 2 outputs, buckets 0..2, feature-major weights; vocabulary [0, 2]
    const weights = Float64Array.from([1.27, -0.5, 9, 9, -0.635, 0.25]);
    const compact = quantizeLinearModel({ weights, bias: [0.1, -0.2], thresholds: [0.4, 0.6] }, 2, Int32Array.from([0, 2]));
    expect([...compact.scales]).toEqual([0.01, 0.00393701]); // rounded to 6 significant digits
    // -0.635 / 0.01 = -63.5 rounds to -63 (Math.round rounds halves up); 0.25 / 0.00393701 = 63.49998 → 63
    expect([...compact.weights]).toEqual([127, -127, -63, 63]);
  });
});

describe('assignFolds', () => {
  it('deals groups round-robin in hash order: balanced and a function of the names and seed only', () => {
    const groups = Array.from({ length: 23 }, (_, index) => `g${index}`);
    const folds = assignFolds(groups, 5, 1);
    const sizes = [0, 0, 0, 0, 0];
    for (const fold of folds.values()) sizes[fold] = (sizes[fold] as number) + 1;
    expect(sizes.sort()).toEqual([4, 4, 5, 5, 5]);
    expect(assignFolds([...groups].reverse(), 5, 1)).toEqual(folds);
    expect(assignFolds(groups, 5, 2)).not.toEqual(folds);
  });
});

describe('occurrenceTvd', () => {
  it('is ½ Σ |p − q| × 100 over the union of categories', () => {
    // p = a 1/2, b 1/2; q = a 1/4, c 3/4 → ½ (1/4 + 1/2 + 3/4) = 0.75
    expect(occurrenceTvd(['a', 'b'], ['a', 'c', 'c', 'c'])).toBe(75);
    expect(occurrenceTvd([], ['a'])).toBeNull();
  });
});
