import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import readability from 'text-readability';
import { describe, expect, it } from 'vitest';
import { createMemoryCache } from '../../src/annotate/annotation-cache.js';
import { silentProgress } from '../../src/cli/progress-reporter.js';
import type { Dialogue, Turn } from '../../src/core/dialogue.js';
import { dimension, linguisticBackendDescription } from './index.js';
import { fleschKincaidGradeFromCounts, readabilityCounts } from './readability-counts.js';
import { dialogueFromTurns } from '../../test/helpers/test-dialogue.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

const makeDialogue = dialogueFromTurns;

const context = () => ({ cache: createMemoryCache(), progress: silentProgress, options: {} });

// Syllables as counted by text-readability (npm "syllable"):
//   The 1, elephant 3, ate 1, a 1, banana 3 → 9;  tomorrow 3, we 1, visit 2, the 1, beautiful 3, garden 2 → 12
const firstMessage = 'The elephant ate a banana.';
const secondMessage = 'tomorrow we visit the beautiful garden';

describe('Flesch–Kincaid from text-readability counts', () => {
  it('uses the library counts and the formula 0.39·W/S + 11.8·Syl/W − 15.59', () => {
    const text = `${firstMessage} Tomorrow we visit the beautiful garden.`;
    // 11 words, 2 sentences (split at ". T"), 9 + 12 = 21 syllables
    expect(readabilityCounts(text)).toEqual({ words: 11, sentences: 2, syllables: 21 });
    // 0.39 · 11/2 + 11.8 · 21/11 − 15.59 = 2.145 + 22.527273 − 15.59 = 9.082273
    expect(fleschKincaidGradeFromCounts(readabilityCounts(text))).toBeCloseTo(9.082273, 5);
    // the library rounds both ratios first: 0.39 · 5.5 + 11.8 · 1.9 − 15.59 = 8.975 → 9.0
    expect(readability.fleschKincaidGrade(text)).toBe(9);
  });

  it('is null for a message without words', () => {
    expect(readabilityCounts('???')).toEqual({ words: 0, sentences: 0, syllables: 0 });
    expect(fleschKincaidGradeFromCounts(readabilityCounts(''))).toBeNull();
  });
});

describe('linguistic dimension', () => {
  it('keeps turns as separate sentences and averages per message', async () => {
    const dialogue = makeDialogue('d1', [
      ['user', firstMessage],
      ['assistant', 'Sounds like a wonderful, extraordinarily sophisticated itinerary.'],
      ['user', secondMessage], // lower-case start, no full stop: one sentence on its own
      ['user', ''], // empty: no words, left out of the per-message means
    ]);
    const annotator = await dimension.createAnnotator('text-readability', {});
    const [annotation] = await annotator.annotate([dialogue], context());
    const numeric = annotation?.numeric ?? {};
    // per dialogue: 11 words, 1 + 1 = 2 sentences, 21 syllables → 9.082273 (joining the turns into one string
    // would give text-readability 1 sentence: 0.39 · 11 + 22.527273 − 15.59 = 11.227273)
    expect(numeric.flesch_kincaid_grade).toBeCloseTo(9.082273, 5);
    // message 1: 0.39 · 5 + 11.8 · 9/5 − 15.59 = 1.95 + 21.24 − 15.59 = 7.6
    // message 2: 0.39 · 6 + 11.8 · 12/6 − 15.59 = 2.34 + 23.6 − 15.59 = 10.35;  mean (7.6 + 10.35)/2 = 8.975
    expect(numeric.flesch_kincaid_grade_per_message).toBeCloseTo(8.975, 10);
    // tokens: the elephant ate a banana tomorrow we visit the beautiful garden (11; "the" repeats)
    // forward: TTR stays ≥ 10/11 = .909 → partial (1 − 10/11)/.28 = 0.324675 → MTLD 11/0.324675 = 33.88
    // backward: same types, same partial factor → 33.88; mean 33.88
    expect(numeric.mtld).toBeCloseTo(11 / ((1 - 10 / 11) / 0.28), 10);
    // neither message repeats a token → no per-message MTLD → null
    expect(numeric.mtld_per_message).toBeNull();
    expect(annotation?.userTurns?.[0]).toMatchObject({ userTurn: 1, words: 5, sentences: 1, syllables: 9 });
    expect(annotation?.userTurns?.[2]).toMatchObject({ userTurn: 3, words: 0, fleschKincaidGrade: null, mtld: null });
  });

  it('averages per-message MTLD over the messages where it is defined', async () => {
    const dialogue = makeDialogue('d2', [
      ['user', 'I like dogs, and I like cats. But I love my dog most!'], // MTLD 14.386667 (worked example)
      ['user', 'a a b b c c'], // MTLD 2
      ['user', 'thanks a lot'], // no repeat → undefined, left out
    ]);
    const annotator = await dimension.createAnnotator('text-readability', {});
    const [annotation] = await annotator.annotate([dialogue], context());
    // (14.386667 + 2) / 2 = 8.193333
    expect(annotation?.numeric.mtld_per_message).toBeCloseTo(8.193333, 5);
  });

  it('is null everywhere for a dialogue without user words', async () => {
    const dialogue = makeDialogue('d3', [
      ['user', ''],
      ['assistant', 'Hello! How can I help?'],
      ['user', '  '],
    ]);
    const annotator = await dimension.createAnnotator('text-readability', {});
    const [annotation] = await annotator.annotate([dialogue], context());
    expect(annotation?.numeric).toEqual({
      flesch_kincaid_grade: null,
      mtld: null,
      flesch_kincaid_grade_per_message: null,
      mtld_per_message: null,
    });
  });

  it('names the installed text-readability version in its backend and rejects unknown backends', async () => {
    const manifest = JSON.parse(readFileSync(path.join(repoRoot, 'node_modules/text-readability/package.json'), 'utf8')) as {
      version: string;
    };
    expect(linguisticBackendDescription).toContain(`text-readability@${manifest.version}`);
    await expect(dimension.createAnnotator('spacy', {})).rejects.toThrow(
      'linguistic backend: expected one of "text-readability", found "spacy"',
    );
  });
});
