import { describe, expect, it } from 'vitest';
import { weightedCategoryCounts, weightedSampleMean } from '../../src/measure/aggregate-sample.js';
import { buildMeasureSample } from '../../src/measure/measure-sample.js';
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
