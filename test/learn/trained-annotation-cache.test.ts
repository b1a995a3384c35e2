import { describe, expect, it } from 'vitest';
import { createMemoryCache } from '../../src/annotate/annotation-cache.js';
import { silentProgress } from '../../src/cli/progress-reporter.js';
import type { Dialogue } from '../../src/core/dialogue.js';
import { loadDimension } from '../../src/annotate/dimension-registry.js';
import { trainedAnnotationCacheNamespace } from '../../src/learn/trained-turn-annotator.js';
import { dialogueContentKey } from '../../src/learn/labelled-dialogues.js';

const dialogue = (id: string, texts: string[]): Dialogue => ({
  id,
  source: 'real',
  domain: 'test',
  turns: texts.flatMap((text) => [
    { role: 'user' as const, text },
    { role: 'assistant' as const, text: 'Here is one way to do it.' },
  ]),
  aside: [],
  origin: { file: 'test.jsonl', format: 'openai-jsonl' },
});

describe('trained annotations are cached by dialogue content (#21 warm path)', () => {
  it('a second run reads every annotation from the cache, equal to the first, under its own id', async () => {
    for (const id of ['intent', 'feedback', 'identity']) {
      const module = await loadDimension(id);
      const annotator = await module.createAnnotator('trained', {});
      const cache = createMemoryCache();
      const context = { cache, progress: silentProgress, options: {} };
      const dialogues = [dialogue('a', ['how do I sort a list in python?', 'that is wrong, try again']), dialogue('b', ['I am a nurse, write me a short poem'])];
      const first = await annotator.annotate(dialogues, context);
      const before = cache.statistics();
      const renamed = dialogues.map((entry) => ({ ...entry, id: `${entry.id}-again` }));
      const second = await annotator.annotate(renamed, context);
      const after = cache.statistics();
      expect(after.hits - before.hits, id).toBe(2);
      expect(second.map((annotation) => annotation.dialogueId)).toEqual(['a-again', 'b-again']);
      expect(second.map(({ dialogueId: _, ...rest }) => rest)).toEqual(first.map(({ dialogueId: _, ...rest }) => rest));
      const namespace = trainedAnnotationCacheNamespace(id, annotator.backend);
      expect(cache.get(namespace, dialogueContentKey(dialogues[0]!))).toMatchObject({ crossFitted: false });
    }
  });
});

describe('the trained emotion backend caches its turn emotions by dialogue content', () => {
  it('a second run gives the same annotations and scores no turn again', async () => {
    const module = await loadDimension('emotion');
    const annotator = await module.createAnnotator('trained', {});
    const cache = createMemoryCache();
    const context = { cache, progress: silentProgress, options: {} };
    const dialogues = [dialogue('a', ['I am so angry, this is useless!', 'thanks, that is great']), dialogue('b', ['what time is it in Tokyo?'])];
    const first = await annotator.annotate(dialogues, context);
    const turnNamespace = trainedAnnotationCacheNamespace('emotion-turns', annotator.backend.slice(0, annotator.backend.indexOf(' (')));
    expect(cache.get(turnNamespace, dialogueContentKey(dialogues[1]!))).toMatchObject({ crossFitted: false, tags: [expect.any(Array)] });
    const second = await annotator.annotate(dialogues, context);
    expect(second).toEqual(first);
  });
});
