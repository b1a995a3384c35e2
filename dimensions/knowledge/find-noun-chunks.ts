import { isTechnicalTerm } from './technical-term.js';
import type { TaggedToken } from './tag-user-text.js';

/** A run of tokens naming a thing: "borderline personality disorder", "strains of cannabis", "Python 3.11". */
export interface NounChunk {
  /** Index of the first token (in the sentence) and one past the last. */
  start: number;
  end: number;
  words: string[];
  /** Contains a proper noun (capitalized name) or a technical-shaped token (API, GPT-4, node.js). */
  namesSomething: boolean;
}

/** Adjectives and quantifiers that say nothing about the topic; stripped from the front of a chunk. */
const GENERIC_MODIFIERS = new Set([
  'good', 'great', 'best', 'better', 'bad', 'new', 'nice', 'simple', 'short', 'long', 'different', 'other', 'same',
  'few', 'many', 'much', 'more', 'most', 'some', 'any', 'little', 'big', 'small', 'first', 'last', 'next',
  'following', 'specific', 'certain', 'real', 'main', 'own', 'whole', 'full', 'right', 'wrong', 'interesting',
  'important', 'possible', 'quick', 'easy', 'hard', 'high', 'low', 'several', 'various', 'such', 'another',
  'latest', 'current', 'previous', 'above', 'below', 'general', 'basic', 'detailed', 'brief', 'perfect', 'free',
  'top', 'ideal', 'typical', 'actual', 'similar', 'entire', 'single', 'multiple', 'additional', 'extra',
]);

/** Words wink-nlp sometimes tags PROPN that are greetings or fillers, never names. */
const NOT_NAMES = new Set(['hi', 'hello', 'hey', 'thanks', 'thank', 'please', 'dear', 'regards', 'sorry', 'okay', 'ok', 'yes', 'no', 'sure', 'cool', 'bye', 'i', 'ai']);

/**
 * The POS realsim uses for chunking: technical-shaped tokens and capitalized words inside a sentence
 * count as proper nouns (wink-eng-lite tags "React" after "to" as VERB); lower-case words tagged PROPN
 * count as common nouns; greetings and contractions ("I'm") are never names.
 */
export function effectivePartOfSpeech(token: TaggedToken, indexInSentence: number, sentenceIsShouted: boolean): string {
  if (NOT_NAMES.has(token.normal) || token.text.includes("'") || token.text.includes('’')) {
    return token.pos === 'PROPN' ? 'INTJ' : token.pos;
  }
  if (!sentenceIsShouted && isTechnicalTerm(token.text)) return 'PROPN';
  const capitalized = /^[A-Z][a-z]/.test(token.text);
  if (capitalized && indexInSentence > 0 && !sentenceIsShouted && ['NOUN', 'VERB', 'ADJ', 'PROPN', 'X'].includes(token.pos)) {
    return 'PROPN';
  }
  if (token.pos === 'PROPN' && !capitalized && !/^[A-Z]/.test(token.text)) return 'NOUN';
  return token.pos;
}

/** Whether most letters of the sentence are capitals, or most words are capitalized (titles, shouting). */
export function isShoutedOrTitleCase(sentence: TaggedToken[]): boolean {
  const words = sentence.filter((token) => /^[A-Za-z]/.test(token.text));
  if (words.length < 4) return false;
  const capitalizedWords = words.filter((token) => /^[A-Z]/.test(token.text)).length;
  return capitalizedWords / words.length > 0.7;
}

const MAXIMUM_CHUNK_WORDS = 6;

/**
 * Noun chunks of one tagged sentence: maximal runs of ADJ / NOUN / PROPN (NUM only right after a
 * PROPN, as in "Python 3.11") that end in a NOUN or PROPN; two runs joined by "of" form one chunk
 * ("strains of cannabis"). Generic leading modifiers ("good", "two", "best") are dropped; a chunk keeps
 * at most six words. Determiners and possessive pronouns are never part of a chunk.
 */
export function findNounChunks(sentence: TaggedToken[]): NounChunk[] {
  const shouted = isShoutedOrTitleCase(sentence);
  // capitals are meaningless on the first word, also after a list bullet or number ("- Breakfast", "1. Use")
  let firstWord = sentence.findIndex((token) => /[A-Za-z]/.test(token.text));
  if (firstWord < 0) firstWord = 0;
  const tags = sentence.map((token, index) => effectivePartOfSpeech(token, index - firstWord, shouted));
  const isChunkWord = (index: number): boolean => {
    const tag = tags[index];
    if (tag === 'ADJ' || tag === 'NOUN' || tag === 'PROPN') return /[A-Za-z]/.test(sentence[index]?.text ?? '');
    return tag === 'NUM' && index > 0 && tags[index - 1] === 'PROPN';
  };

  const runs: Array<{ start: number; end: number }> = [];
  let index = 0;
  while (index < sentence.length) {
    if (!isChunkWord(index)) {
      index += 1;
      continue;
    }
    const start = index;
    while (index < sentence.length && isChunkWord(index)) index += 1;
    let end = index;
    while (end > start && tags[end - 1] === 'ADJ') end -= 1;
    if (end > start) runs.push({ start, end });
  }

  const joined: Array<{ start: number; end: number }> = [];
  for (const run of runs) {
    const previous = joined[joined.length - 1];
    const between = previous ? sentence.slice(previous.end, run.start).map((token) => token.normal) : [];
    const ofJoin = previous !== undefined && (between.join(' ') === 'of' || /^of (the|a|an)$/.test(between.join(' ')));
    if (previous && ofJoin && tags[previous.end - 1] === 'NOUN') previous.end = run.end;
    else joined.push({ ...run });
  }

  const chunks: NounChunk[] = [];
  for (const run of joined) {
    let start = run.start;
    while (start < run.end - 1) {
      const token = sentence[start];
      if (!token) break;
      const generic = GENERIC_MODIFIERS.has(token.normal) || tags[start] === 'NUM' || /^\d/.test(token.text);
      if (!generic) break;
      start += 1;
    }
    const end = Math.min(run.end, start + MAXIMUM_CHUNK_WORDS);
    const tokens = sentence.slice(start, end);
    const words = tokens.map((token, offset) => {
      const tag = tags[start + offset];
      return tag === 'PROPN' || isTechnicalTerm(token.text) ? token.text : token.normal;
    });
    const namesSomething = tokens.some((_, offset) => tags[start + offset] === 'PROPN');
    chunks.push({ start, end, words, namesSomething });
  }
  return chunks;
}
