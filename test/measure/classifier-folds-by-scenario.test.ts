import { describe, expect, it } from 'vitest';
import { classifierTwoSampleTest } from '../../src/measure/classifier-two-sample-test.js';
import type { MeasuredSet } from '../../src/measure/measured-set.js';
import { lengthDefinition, measuredDialogue } from './measured-fixtures.js';

describe('classifier two-sample test on many-to-one pairs', () => {
  it('deals scenarios into folds, so a real dialogue paired with 4 trials never sits in training and test at once', () => {
    const scenarios = ['a', 'b', 'c'];
    const real: MeasuredSet = { name: 'real', kind: 'real', backends: { length: 'whitespace@1' }, dialogues: scenarios.map((id, index) => measuredDialogue({ id: `r-${id}`, scenarioId: id, words: 10 + index })) };
    const simulated: MeasuredSet = {
      name: 'sim',
      kind: 'simulated',
      backends: { length: 'whitespace@1' },
      dialogues: scenarios.flatMap((id, index) => [0, 1, 2, 3].map((trial) => measuredDialogue({ id: `s-${id}-${trial}`, scenarioId: id, words: 40 + index * 4 + trial }))),
    };
    const result = classifierTwoSampleTest({ real, simulated, definitions: [lengthDefinition], seed: 7, paired: true, resamples: 100 });
    // 12 pairs but 3 scenarios: at most 3 folds (5 when pairs were dealt one by one)
    expect(result.nReal).toBe(12);
    expect(result.folds).toBe(3);
    expect(result.foldAucs).toHaveLength(3);
  });
});
