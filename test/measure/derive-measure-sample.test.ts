import { describe, expect, it } from 'vitest';
import type { MeasureDefinition } from '../../src/core/dimension.js';
import { concatMeasureSamples, selectMeasureSample } from '../../src/measure/derive-measure-sample.js';
import { buildMeasureSample, categoriesOf, type MeasureSample } from '../../src/measure/measure-sample.js';
import type { MeasuredDialogue } from '../../src/measure/measured-set.js';
import { createSeededRandom, randomIndex } from '../../src/measure/seeded-random.js';

const numeric: MeasureDefinition = { id: 'words', scale: 'numeric', unit: 'words', description: 'words' };
const categorical: MeasureDefinition = {
  id: 'tags',
  scale: 'categorical',
  categories: ['a', 'b', 'c'],
  unitOfMass: 'tag',
  includesNone: false,
  description: 'tags',
};
const embedding: MeasureDefinition = { id: 'topic', scale: 'embedding', unitOfMass: 'statement', description: 'topic' };

function randomDialogues(count: number, seed: number): MeasuredDialogue[] {
  const random = createSeededRandom(seed);
  return Array.from({ length: count }, (_, index) => {
    const hasValue = random() > 0.2;
    const vectors = Array.from({ length: randomIndex(random, 3) }, () => [random(), random() - 0.5]);
    return {
      id: `d${seed}-${index}`,
      domain: `domain-${index % 3}`,
      annotations: {
        x: {
          dialogueId: `d${index}`,
          // Few distinct values (ties), a −0 now and then, some nulls.
          numeric: { words: hasValue ? [0, -0, 1.5, 2, 2.25, 7][randomIndex(random, 6)] ?? null : null },
          categorical: { tags: Array.from({ length: randomIndex(random, 4) }, () => ['a', 'b', 'c', 'other'][randomIndex(random, 4)] as string) },
          embeddings: { topic: vectors },
        },
      },
    };
  });
}

/** Field-by-field comparison (typed arrays as plain arrays, so −0 and 0 would differ under Object.is). */
function plain(sample: MeasureSample): Record<string, unknown> {
  return Object.fromEntries(Object.entries(sample).map(([key, value]) => [key, ArrayBuffer.isView(value) ? [...(value as Float64Array)].map((item) => (Object.is(item, -0) ? '-0' : item)) : value]));
}

describe('selectMeasureSample and concatMeasureSamples', () => {
  const all = randomDialogues(80, 3);
  const other = randomDialogues(50, 4);
  const categories = categoriesOf('x', categorical as Extract<MeasureDefinition, { scale: 'categorical' }>, [all, other]);

  for (const measure of [numeric, categorical, embedding]) {
    it(`equal what buildMeasureSample gives for the same list (${measure.scale})`, () => {
      const build = (dialogues: MeasuredDialogue[]): MeasureSample => buildMeasureSample(dialogues, 'x', measure, categories);
      const parent = build(all);
      const random = createSeededRandom(5);
      for (let trial = 0; trial < 25; trial += 1) {
        const indexes = Array.from({ length: randomIndex(random, 60) }, () => randomIndex(random, all.length));
        const subset = indexes.map((index) => all[index] as MeasuredDialogue);
        expect(plain(selectMeasureSample(parent, indexes))).toEqual(plain(build(subset)));
        const second = other.slice(randomIndex(random, 50));
        expect(plain(concatMeasureSamples(build(subset), build(second)))).toEqual(plain(build([...subset, ...second])));
      }
      // Domains, the way a report derives them.
      const domain = all.flatMap((dialogue, index) => (dialogue.domain === 'domain-1' ? [index] : []));
      expect(plain(selectMeasureSample(parent, domain))).toEqual(plain(build(domain.map((index) => all[index] as MeasuredDialogue))));
      expect(plain(concatMeasureSamples(build([]), build(other)))).toEqual(plain(build(other)));
    });
  }

  it('keeps a hand-checked numeric example: atoms, counts, spare slot', () => {
    const parent = buildMeasureSample(all.slice(0, 0), 'x', numeric);
    expect(parent.size).toBe(0);
    const dialogues: MeasuredDialogue[] = [3, null, 1, 3].map((words, index) => ({
      id: `h${index}`,
      domain: 'd',
      annotations: { x: { dialogueId: `h${index}`, numeric: { words }, categorical: {} } },
    }));
    const sample = selectMeasureSample(buildMeasureSample(dialogues, 'x', numeric), [3, 1, 0]);
    expect(sample.scale === 'numeric' && [...sample.distinctValues]).toEqual([3]);
    expect(sample.scale === 'numeric' && [...sample.distinctValueCounts]).toEqual([2]);
    expect(sample.scale === 'numeric' && [...sample.distinctValueOf]).toEqual([0, 1, 0]);
    expect(sample.scale === 'numeric' && [...sample.sortedValues]).toEqual([3, 3]);
    expect(sample.contributing).toBe(2);
  });
});
