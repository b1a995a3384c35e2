import { describe, expect, it } from 'vitest';
import { findNounChunks } from './find-noun-chunks.js';
import type { TaggedToken } from './tag-user-text.js';

/** Builds a tagged sentence from "word/POS" pairs, so these tests do not depend on wink's tagger. */
function tagged(spec: string): TaggedToken[] {
  return spec.split(' ').map((pair) => {
    const [text = '', pos = 'X'] = pair.split('/');
    return { text, pos, lemma: text.toLowerCase(), normal: text.toLowerCase() };
  });
}

describe('findNounChunks', () => {
  it('keeps compounds, joins "of" phrases and drops determiners and generic modifiers', () => {
    const sentence = tagged('I/PRON want/VERB the/DET best/ADJ strains/NOUN of/ADP cannabis/NOUN for/ADP my/PRON personality/NOUN disorder/NOUN ./PUNCT');
    const chunks = findNounChunks(sentence);
    expect(chunks.map((chunk) => chunk.words.join(' '))).toEqual(['strains of cannabis', 'personality disorder']);
    expect(chunks.map((chunk) => [chunk.start, chunk.end])).toEqual([[4, 7], [9, 11]]);
    expect(chunks.map((chunk) => chunk.namesSomething)).toEqual([false, false]);
  });

  it('treats capitalized words inside a sentence and technical shapes as names, whatever their tag', () => {
    // wink tags "React" after "to" as VERB; the capital inside the sentence makes it a name
    const sentence = tagged('I/PRON moved/VERB to/PART React/VERB with/ADP useState/NOUN and/CCONJ Python/PROPN 3.11/NUM');
    const chunks = findNounChunks(sentence);
    expect(chunks.map((chunk) => chunk.words.join(' '))).toEqual(['React', 'useState', 'Python 3.11']);
    expect(chunks.every((chunk) => chunk.namesSomething)).toBe(true);
  });

  it('does not make names of the first word, greetings or contractions', () => {
    const sentence = tagged("Thanks/PROPN I'm/PROPN happy/ADJ Hello/PROPN");
    expect(findNounChunks(sentence)).toEqual([]);
  });

  it('drops trailing adjectives and keeps at most six words', () => {
    expect(findNounChunks(tagged('soup/NOUN hot/ADJ')).map((chunk) => chunk.words)).toEqual([['soup']]);
    const long = tagged('a/DET one/NOUN two/NOUN three/NOUN four/NOUN five/NOUN six/NOUN seven/NOUN');
    expect(findNounChunks(long).map((chunk) => chunk.words.length)).toEqual([6]);
  });
});
