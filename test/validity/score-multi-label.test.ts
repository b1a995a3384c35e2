import { describe, expect, it } from 'vitest';
import { scoreMultiLabel } from '../../src/measure/annotator-validity/score-multi-label.js';
import { anyDisclosureF1 } from '../../src/measure/annotator-validity/any-disclosure-f1.js';
import { neutralRate } from '../../src/measure/annotator-validity/neutral-rate.js';
import { majorityTagSet, scoreMajorityBaseline } from '../../src/measure/annotator-validity/majority-baseline.js';

describe('scoreMultiLabel', () => {
  // Four items over tags a, b, c, d:
  //   1. gold [a]    predicted [a]  → a: tp
  //   2. gold [a, b] predicted [a]  → a: tp, b: fn
  //   3. gold [b]    predicted [c]  → b: fn, c: fp
  //   4. gold []     predicted [a]  → a: fp
  // a: tp 2, fp 1, fn 0 → P = 2/3, R = 1, F1 = 2·(2/3)·1 / (2/3 + 1) = 0.8
  // b: tp 0, fp 0, fn 2 → P = 0, R = 0, F1 = 0 (support 2)
  // c: tp 0, fp 1, fn 0 → F1 = 0 (support 0, predicted 1: it has data, so it counts in macro)
  // d: never used → left out of macro
  // micro: tp 2, fp 2, fn 2 → P = R = F1 = 0.5; macro = (0.8 + 0 + 0) / 3 = 0.2667; exact matches 1/4
  const pairs = [
    { gold: ['a'], predicted: ['a'] },
    { gold: ['a', 'b'], predicted: ['a'] },
    { gold: ['b'], predicted: ['c'] },
    { gold: [], predicted: ['a'] },
  ];
  const score = scoreMultiLabel(pairs, ['a', 'b', 'c', 'd']);

  it('computes per-tag precision, recall, F1 and support', () => {
    expect(score.perTag.a!.precision).toBeCloseTo(2 / 3, 10);
    expect(score.perTag.a!.recall).toBe(1);
    expect(score.perTag.a!.f1).toBeCloseTo(0.8, 10);
    expect(score.perTag.a!.support).toBe(2);
    expect(score.perTag.a!.predicted).toBe(3);
    expect(score.perTag.b).toEqual({ precision: 0, recall: 0, f1: 0, support: 2, predicted: 0 });
    expect(score.perTag.c).toEqual({ precision: 0, recall: 0, f1: 0, support: 0, predicted: 1 });
  });

  it('pools micro scores and averages macro F1 over tags with data', () => {
    expect(score.microPrecision).toBeCloseTo(0.5, 10);
    expect(score.microRecall).toBeCloseTo(0.5, 10);
    expect(score.microF1).toBeCloseTo(0.5, 10);
    expect(score.macroF1).toBeCloseTo(0.8 / 3, 10);
    expect(score.tagsWithoutData).toEqual(['d']);
    expect(score.exactMatchRate).toBe(0.25);
    expect(score.items).toBe(4);
  });

  it('summarises mix-ups as (gold → predicted) counts, most frequent first', () => {
    // item 2: b missed, nothing spurious → b → (none); item 3: b → c; item 4: (none) → a
    expect(score.confusion).toEqual([
      { gold: '(none)', predicted: 'a', count: 1 },
      { gold: 'b', predicted: '(none)', count: 1 },
      { gold: 'b', predicted: 'c', count: 1 },
    ]);
    const repeated = scoreMultiLabel(
      [
        { gold: ['x'], predicted: ['y'] },
        { gold: ['x'], predicted: ['y'] },
        { gold: ['y'], predicted: [] },
      ],
      ['x', 'y'],
    );
    expect(repeated.confusion[0]).toEqual({ gold: 'x', predicted: 'y', count: 2 });
  });

  it('counts tags outside the vocabulary instead of scoring them', () => {
    const unknown = scoreMultiLabel([{ gold: ['a'], predicted: ['a', 'zzz'] }], ['a']);
    expect(unknown.unknownTags).toEqual({ zzz: 1 });
    expect(unknown.microF1).toBe(1);
  });

  it('returns zeros, not NaN, for no items', () => {
    const empty = scoreMultiLabel([], ['a']);
    expect(empty.microF1).toBe(0);
    expect(empty.macroF1).toBe(0);
    expect(empty.exactMatchRate).toBe(0);
  });
});

describe('anyDisclosureF1', () => {
  it('scores "discloses anything" as a binary decision', () => {
    // tp: (past, past), (future, past) — categories may differ, the turn discloses in both
    // fp: ([], future); fn: (demographic, []); tn: ([], [])
    // P = 2/3, R = 2/3, F1 = 2/3
    const score = anyDisclosureF1([
      { gold: ['past'], predicted: ['past'] },
      { gold: [], predicted: ['future'] },
      { gold: ['demographic'], predicted: [] },
      { gold: [], predicted: [] },
      { gold: ['future'], predicted: ['past'] },
    ]);
    expect(score.precision).toBeCloseTo(2 / 3, 10);
    expect(score.recall).toBeCloseTo(2 / 3, 10);
    expect(score.f1).toBeCloseTo(2 / 3, 10);
    expect(score.support).toBe(3);
    expect(score.predicted).toBe(3);
  });
  it('is 0 when nothing is predicted to disclose (the majority baseline)', () => {
    expect(anyDisclosureF1([{ gold: ['past'], predicted: [] }]).f1).toBe(0);
  });
});

describe('neutralRate', () => {
  it('compares the share of all-neutral turns in labels and predictions', () => {
    // labels: neutral, joy, neutral, neutral → 3/4 = 0.75 all-neutral
    // predicted: [neutral, neutral] yes, [neutral] yes, [anger, neutral] no, [sadness] no → 2/4 = 0.5
    const rate = neutralRate([
      { gold: ['neutral'], predicted: ['neutral', 'neutral'] },
      { gold: ['joy'], predicted: ['neutral'] },
      { gold: ['neutral'], predicted: ['anger', 'neutral'] },
      { gold: ['neutral'], predicted: ['sadness'] },
    ]);
    expect(rate).toEqual({ labels: 0.75, predicted: 0.5, items: 4 });
  });
});

describe('majority baseline', () => {
  it('predicts the most frequent gold tag set, ties broken alphabetically', () => {
    expect(majorityTagSet([['no_feedback'], ['no_feedback'], ['regeneration_request'], ['no_feedback', 'provide_clarification']])).toEqual([
      'no_feedback',
    ]);
    expect(majorityTagSet([['b'], ['a']])).toEqual(['a']);
    expect(majorityTagSet([[], [], ['past']])).toEqual([]);
  });
  it('scores that prediction on every item', () => {
    // gold x, x, y; predicted x, x, x → x: tp 2, fp 1 → F1 0.8; y: fn 1 → F1 0
    // micro: tp 2, fp 1, fn 1 → P = R = 2/3 → F1 = 2/3; macro = (0.8 + 0) / 2 = 0.4
    const score = scoreMajorityBaseline(
      [
        { gold: ['x'], predicted: ['y'] },
        { gold: ['x'], predicted: [] },
        { gold: ['y'], predicted: ['y'] },
      ],
      ['x', 'y'],
    );
    expect(score.microF1).toBeCloseTo(2 / 3, 10);
    expect(score.macroF1).toBeCloseTo(0.4, 10);
  });
});
