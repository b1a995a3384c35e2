import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createMemoryCache } from '../../src/annotate/annotation-cache.js';
import { silentProgress } from '../../src/cli/progress-reporter.js';
import type { Dialogue, Turn } from '../../src/core/dialogue.js';
import { RealsimError } from '../../src/core/realsim-error.js';
import { countWhitespaceWords } from './count-whitespace-words.js';
import { dimension } from './index.js';
import { dialogueFromTurns } from '../../test/helpers/test-dialogue.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

const makeDialogue = (id: string, turns: Array<[Turn['role'], string]>) =>
  dialogueFromTurns(id, turns, { aside: [{ role: 'system', text: 'You are a helpful assistant with many words here.', position: 0 }] });

const context = () => ({ cache: createMemoryCache(), progress: silentProgress, options: {} });

describe('countWhitespaceWords', () => {
  it('splits on any run of whitespace and counts empty text as 0 words', () => {
    expect(countWhitespaceWords('')).toBe(0);
    expect(countWhitespaceWords('   \n\t ')).toBe(0);
    expect(countWhitespaceWords('hello')).toBe(1);
    // "don't" and "stop!" are one word each; the lone "," is a word too: 4 words.
    expect(countWhitespaceWords("  don't\tstop! ,\n\nnow ")).toBe(4);
    // non-breaking space (U+00A0) is whitespace for \s: 2 words
    expect(countWhitespaceWords('a\u00a0b')).toBe(2);
  });
});

describe('length dimension', () => {
  it('counts user words and user turns, ignoring assistant and system text and keeping empty turns', async () => {
    const dialogue = makeDialogue('d1', [
      ['user', 'Write me a poem about cats.'], // 6 words
      ['assistant', 'Here is a poem about cats, with many many words in it.'],
      ['user', ''], // empty: 0 words, but still a turn
      ['assistant', 'Did you want something else?'],
      ['user', 'make it  shorter\nplease'], // 4 words
    ]);
    const annotator = await dimension.createAnnotator('whitespace', {});
    const [annotation] = await annotator.annotate([dialogue], context());
    // 6 + 0 + 4 = 10 words over 3 user turns
    expect(annotation?.numeric).toEqual({ user_words: 10, user_turns: 3 });
    expect(annotation?.userTurns).toEqual([
      { userTurn: 1, words: 6 },
      { userTurn: 2, words: 0 },
      { userTurn: 3, words: 4 },
    ]);
    expect(annotator.backend).toBe('whitespace word count (realsim 0.1.0)');
  });

  it('gives 0 words and 0 turns for a dialogue without user turns', async () => {
    const annotator = await dimension.createAnnotator('whitespace', {});
    const [annotation] = await annotator.annotate([makeDialogue('d2', [['assistant', 'Hello there']])], context());
    expect(annotation?.numeric).toEqual({ user_words: 0, user_turns: 0 });
  });

  it('declares numeric measures with units and rejects an unknown backend', async () => {
    expect(dimension.definition.measures.map((measure) => [measure.id, measure.scale === 'numeric' && measure.unit])).toEqual([
      ['user_words', 'words per dialogue'],
      ['user_turns', 'user turns per dialogue'],
    ]);
    await expect(dimension.createAnnotator('tokenizer', {})).rejects.toThrow(RealsimError);
    await expect(dimension.createAnnotator('tokenizer', {})).rejects.toThrow(
      'length backend: expected one of "whitespace", found "tokenizer"',
    );
  });
});

// Needs ../shared/datasets (present in development and CI, absent on a user's machine).
const realDialoguesDirectory = path.join(
  process.env.REALSIM_SHARED_DATASETS ?? path.resolve(repoRoot, '../shared/datasets'),
  'realsim/real_dialogues',
);

describe.skipIf(!existsSync(realDialoguesDirectory))('length on the realsim real set', () => {
  it('reproduces the exact totals: 981 dialogues, 6,917 user turns, 149,260 words, 17 empty user messages', async () => {
    const dialogues: Dialogue[] = [];
    for (const file of readdirSync(realDialoguesDirectory).sort()) {
      const records = JSON.parse(readFileSync(path.join(realDialoguesDirectory, file), 'utf8')) as Array<{
        conversation_id: string;
        conversation: Array<{ role: string; content: string }>;
      }>;
      records.forEach((record, index) => {
        const turns = record.conversation
          .filter((message) => message.role === 'user' || message.role === 'assistant')
          .map((message) => [message.role, message.content] as [Turn['role'], string]);
        dialogues.push(makeDialogue(`${file}#${index}`, turns));
      });
    }
    const annotator = await dimension.createAnnotator('whitespace', {});
    const annotations = await annotator.annotate(dialogues, context());
    const total = (measure: string) => annotations.reduce((sum, annotation) => sum + (annotation.numeric[measure] ?? 0), 0);
    const emptyTurns = annotations.flatMap((annotation) => annotation.userTurns ?? []).filter((turn) => turn.words === 0).length;
    expect(annotations).toHaveLength(981);
    expect(total('user_turns')).toBe(6917);
    expect(total('user_words')).toBe(149260);
    expect(emptyTurns).toBe(17);
    // every realsim dialogue has at least 4 user turns (dimensions/length/README.md)
    expect(Math.min(...annotations.map((annotation) => annotation.numeric.user_turns ?? 0))).toBeGreaterThanOrEqual(4);
  });
});
