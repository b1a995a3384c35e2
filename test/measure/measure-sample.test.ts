import { describe, expect, it } from 'vitest';
import { weightedCategoryCounts, weightedSampleMean } from '../../src/measure/aggregate-sample.js';
import { buildMeasureSample, categoriesOf } from '../../src/measure/measure-sample.js';
import { feedbackDefinition, lengthDefinition, measuredDialogue } from './measured-fixtures.js';

const words = lengthDefinition.measures[0]!;
const tags = feedbackDefinition.measures[0]!;

describe('buildMeasureSample atoms', () => {
  it('maps each dialogue to its distinct value, with a spare slot for dialogues without one', () => {
    // values by dialogue: 5, null, 2, 5, 9, 2, 5
    const dialogues = [5, null, 2, 5, 9, 2, 5].map((value, index) => measuredDialogue({ id: `d${index}`, words: value }));
    const sample = buildMeasureSample(dialogues, 'length', words);
    if (sample.scale !== 'numeric') throw new Error('expected numeric');
    expect([...sample.sortedValues]).toEqual([2, 2, 5, 5, 5, 9]);
    expect([...sample.distinctValues]).toEqual([2, 5, 9]);
    expect([...sample.distinctValueCounts]).toEqual([2, 3, 1]);
    // spare slot = 3 (distinctValues.length) for the dialogue without a value
    expect([...sample.distinctValueOf]).toEqual([1, 3, 0, 1, 2, 0, 1]);
    expect(sample.contributing).toBe(6);
    // mean of [2,2,5,5,5,9] = 28/6; with weights [0,4,1,0,2,1,0] (null dialogue weighted 4, ignored): (2 + 18 + 2)/4 = 5.5
    expect(weightedSampleMean(sample, null)).toBeCloseTo(28 / 6, 14);
    expect(weightedSampleMean(sample, Uint32Array.from([0, 4, 1, 0, 2, 1, 0]))).toBeCloseTo(5.5, 14);
    expect(weightedSampleMean(sample, Uint32Array.from([0, 4, 0, 0, 0, 0, 0]))).toBeNull();
  });

  it('gives dialogues with the same tag multiset one pattern, whatever the tag order', () => {
    const dialogues = [
      ['positive', 'none'],
      [],
      ['none', 'positive'],
      ['negative', 'negative'],
      ['positive', 'none'],
    ].map((list, index) => measuredDialogue({ id: `d${index}`, tags: list }));
    const sample = buildMeasureSample(dialogues, 'feedback', tags, ['positive', 'negative', 'none']);
    if (sample.scale !== 'categorical') throw new Error('expected categorical');
    // patterns: 0 = {positive:1, none:1} (3 dialogues), 1 = {negative:2} (1 dialogue); spare = 2
    expect([...sample.patternOf]).toEqual([0, 2, 0, 1, 0]);
    expect([...sample.patternCounts]).toEqual([3, 1]);
    expect([...sample.offsets]).toEqual([0, 2, 3]);
    expect([...sample.categoryIndexes]).toEqual([0, 2, 1]);
    expect([...sample.counts]).toEqual([1, 1, 2]);
    expect(sample.contributing).toBe(4);
    const counts = new Float64Array(3);
    // unweighted: positive 3, negative 2, none 3
    expect(weightedCategoryCounts(sample, null, counts)).toBe(8);
    expect([...counts]).toEqual([3, 2, 3]);
    // weights [2,5,0,1,0]: pattern 0 twice, pattern 1 once, the empty dialogue adds nothing
    expect(weightedCategoryCounts(sample, Uint32Array.from([2, 5, 0, 1, 0]), counts)).toBe(6);
    expect([...counts]).toEqual([2, 2, 2]);
  });
});

describe('tag patterns with many categories or many tags', () => {
  it('keys long patterns apart and short ones alike, whatever the tag order', () => {
    // 1,200 categories: a number key holds at most 5 tags (1201^5 < 2^53 < 1201^6); longer patterns use another key.
    const many = Array.from({ length: 1200 }, (_, index) => `c${index}`);
    const dialogues = [
      ['c0', 'c1199'],
      ['c5', 'c5', 'c5', 'c7', 'c7', 'c7', 'c7', 'c7'],
      ['c1199', 'c0'],
      ['c7', 'c5', 'c7', 'c5', 'c7', 'c5', 'c7', 'c7'],
      ['c5', 'c5', 'c5', 'c7', 'c7', 'c7', 'c7', 'c8'],
      ['c120'],
    ].map((list, index) => measuredDialogue({ id: `d${index}`, tags: list }));
    const sample = buildMeasureSample(dialogues, 'feedback', tags, many);
    if (sample.scale !== 'categorical') throw new Error('expected categorical');
    // patterns in order of first sight: {c0, c1199}, {c5×3, c7×5}, {c5×3, c7×4, c8}, {c120}
    expect([...sample.patternOf]).toEqual([0, 1, 0, 1, 2, 3]);
    expect([...sample.patternCounts]).toEqual([2, 2, 1, 1]);
    expect([...sample.offsets]).toEqual([0, 2, 4, 7, 8]);
    expect([...sample.categoryIndexes]).toEqual([0, 1199, 5, 7, 5, 7, 8, 120]);
    expect([...sample.counts]).toEqual([1, 1, 3, 5, 3, 4, 1, 1]);
  });
});

describe('annotations are read once per dialogue list', () => {
  // A dialogue whose length annotation counts how often it is read.
  const countedDialogue = (id: string, words: number): { dialogue: ReturnType<typeof measuredDialogue>; reads: () => number } => {
    const dialogue = measuredDialogue({ id, words, tags: ['positive', 'surprise'] });
    let reads = 0;
    const annotations = dialogue.annotations;
    dialogue.annotations = new Proxy(annotations, {
      get(target, key, receiver) {
        reads += 1;
        return Reflect.get(target, key, receiver) as unknown;
      },
    });
    return { dialogue, reads: () => reads };
  };

  it('gives the same sample for the same list, measure and categories without reading the annotations again', () => {
    const first = countedDialogue('d0', 4);
    const list = [first.dialogue, measuredDialogue({ id: 'd1', words: 7 })];
    const sample = buildMeasureSample(list, 'length', words);
    const readsAfterFirst = first.reads();
    expect(readsAfterFirst).toBe(1);
    expect(buildMeasureSample(list, 'length', words)).toBe(sample);
    expect(first.reads()).toBe(readsAfterFirst);
    // another list with the same dialogues is read on its own (a domain subset, a half of a split)
    const copy = [...list];
    const again = buildMeasureSample(copy, 'length', words);
    expect(again).not.toBe(sample);
    expect([...again.scale === 'numeric' ? again.sortedValues : []]).toEqual([4, 7]);
    expect(first.reads()).toBe(readsAfterFirst + 1);
  });

  it('keys a categorical sample by its category list, and finds unknown categories once per list', () => {
    if (tags.scale !== 'categorical') throw new Error('expected categorical');
    const first = countedDialogue('d0', 4);
    const list = [first.dialogue];
    // "surprise" is not a feedback category: it is listed after the definition's categories
    expect(categoriesOf('feedback', tags, [list])).toEqual([...tags.categories, 'surprise']);
    expect(categoriesOf('feedback', tags, [list, [measuredDialogue({ id: 'x', tags: ['another'] })]])).toEqual([...tags.categories, 'another', 'surprise']);
    const readsAfterCategories = first.reads();
    expect(categoriesOf('feedback', tags, [list])).toEqual([...tags.categories, 'surprise']);
    expect(first.reads()).toBe(readsAfterCategories);
    const withSurprise = buildMeasureSample(list, 'feedback', tags, [...tags.categories, 'surprise']);
    const withMore = buildMeasureSample(list, 'feedback', tags, [...tags.categories, 'another', 'surprise']);
    expect(withMore).not.toBe(withSurprise);
    if (withSurprise.scale !== 'categorical' || withMore.scale !== 'categorical') throw new Error('expected categorical');
    expect(withSurprise.categories.length).toBe(tags.categories.length + 1);
    expect(withMore.categories.length).toBe(tags.categories.length + 2);
    expect(buildMeasureSample(list, 'feedback', tags, [...tags.categories, 'surprise'])).toBe(withSurprise);
  });
});
