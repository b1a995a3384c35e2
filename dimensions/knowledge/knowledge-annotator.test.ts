import { describe, expect, it } from 'vitest';
import { createMemoryCache } from '../../src/annotate/annotation-cache.js';
import { silentProgress } from '../../src/cli/progress-reporter.js';
import type { Dialogue } from '../../src/core/dialogue.js';
import { dimension } from './index.js';
import { createKnowledgeAnnotator, integerOption } from './knowledge-annotator.js';
import { countingEncoder } from '../../test/helpers/counting-encoder.js';
import { dialogueFromUserTexts } from '../../test/helpers/test-dialogue.js';

function dialogue(id: string, userTexts: string[]): Dialogue {
  return dialogueFromUserTexts(id, userTexts, 'What is Kubernetes? (assistant text is never read)');
}


describe('knowledge annotator', () => {
  const dialogues = [
    dialogue('a', ["How do I merge two dataframes in pandas? I'm using Python 3.11.", 'thanks!']),
    dialogue('b', ['What is a neural network?', "How do I merge two dataframes in pandas? I'm using Python 3.11."]),
    dialogue('c', ['']),
  ];

  it('gives counts, one vector per statement and the statements per user turn', async () => {
    const annotator = createKnowledgeAnnotator(countingEncoder());
    expect(annotator.backend).toMatch(/^wink-nlp statements rules-v1 \(wink-nlp [\d.]+, wink-eng-lite-web-model [\d.]+\) \+ fake 3d$/);
    const context = { cache: createMemoryCache(), progress: silentProgress, options: {} };
    const [first, second, empty] = await annotator.annotate(dialogues, context);
    expect(first?.numeric).toEqual({ known_statements: 1, unknown_statements: 1 });
    // topics "Python 3.11" (2 words, 11 characters) and "how to merge dataframes" (4 words, 23 characters)
    expect(first?.embeddings?.statements).toEqual([[2, 11, 1], [4, 23, 1]]);
    expect(first?.userTurns).toEqual([
      { userTurn: 1, statements: ['the user knows about Python 3.11', 'the user does not know how to merge dataframes'] },
      { userTurn: 2, statements: [] },
    ]);
    expect(second?.numeric).toEqual({ known_statements: 1, unknown_statements: 2 });
    expect(second?.embeddings?.statements).toHaveLength(3);
    expect(empty).toEqual({
      dialogueId: 'c',
      numeric: { known_statements: 0, unknown_statements: 0 },
      categorical: {},
      embeddings: { statements: [] },
      userTurns: [{ userTurn: 1, statements: [] }],
    });
  });

  it('sends nothing to the encoder when every topic is cached', async () => {
    const encoder = countingEncoder();
    const annotator = createKnowledgeAnnotator(encoder);
    const context = { cache: createMemoryCache(), progress: silentProgress, options: {} };
    const cold = await annotator.annotate(dialogues, context);
    // unique topics: "Python 3.11", "how to merge dataframes", "neural network"
    expect(encoder.textsReceived).toBe(3);
    const warm = await annotator.annotate(dialogues, context);
    expect(encoder.textsReceived).toBe(3);
    expect(warm).toEqual(cold);
  });

  it('validates whole-number options and backend names', async () => {
    expect(integerOption({ 'knowledge.workers': '3' }, 'knowledge.workers', 2, 1, 16)).toBe(3);
    expect(integerOption({}, 'knowledge.workers', 2, 1, 16)).toBe(2);
    expect(() => integerOption({ 'knowledge.workers': 'two' }, 'knowledge.workers', 2, 1, 16)).toThrow(
      '--option knowledge.workers: expected a whole number from 1 to 16, found "two"',
    );
    await expect(dimension.createAnnotator('bert', {})).rejects.toThrow(
      '--backend knowledge: expected one of "use-lite", "minilm", "llm", found "bert"',
    );
  });

  it('declares an embedding measure and two numeric counts', () => {
    expect(dimension.definition.measures.map((measure) => [measure.id, measure.scale])).toEqual([
      ['statements', 'embedding'],
      ['known_statements', 'numeric'],
      ['unknown_statements', 'numeric'],
    ]);
    expect(dimension.backends).toEqual(['use-lite', 'minilm', 'llm']);
  });
});
