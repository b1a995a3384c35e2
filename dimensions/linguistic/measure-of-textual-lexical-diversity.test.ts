import { describe, expect, it } from 'vitest';
import { lowerCaseWordTokens } from './lower-case-word-tokens.js';
import {
  countMtldFactors,
  measureOfTextualLexicalDiversity,
  oneDirectionMtld,
} from './measure-of-textual-lexical-diversity.js';

describe('lowerCaseWordTokens', () => {
  it('lower-cases, keeps inner apostrophes, drops punctuation and splits hyphens', () => {
    expect(lowerCaseWordTokens("Don't STOP, user’s well-known 3 cats!! 🙂")).toEqual([
      "don't",
      'stop',
      'user’s',
      'well',
      'known',
      '3',
      'cats',
    ]);
    expect(lowerCaseWordTokens('  ?! … ')).toEqual([]);
    expect(lowerCaseWordTokens('Café naïve')).toEqual(['café', 'naïve']);
  });
});

describe('MTLD worked example', () => {
  // "I like dogs, and I like cats. But I love my dog most!" → 13 tokens:
  //   i like dogs and i like cats but i love my dog most
  const tokens = lowerCaseWordTokens('I like dogs, and I like cats. But I love my dog most!');

  it('tokenizes the example into 13 lower-case tokens', () => {
    expect(tokens).toEqual(['i', 'like', 'dogs', 'and', 'i', 'like', 'cats', 'but', 'i', 'love', 'my', 'dog', 'most']);
  });

  it('forward pass: one full factor, remainder all new types (partial factor 0) → MTLD 13', () => {
    // types/tokens after each token:
    //   i 1/1, like 2/2, dogs 3/3, and 4/4, i 4/5 = .80, like 4/6 = .667 ≤ .72 → factor 1, reset
    //   cats 1/1, but 2/2, i 3/3, love 4/4, my 5/5, dog 6/6, most 7/7 → remainder TTR 1 → (1 − 1)/.28 = 0
    // factors = 1 → MTLD = 13 / 1 = 13
    expect(countMtldFactors(tokens)).toBe(1);
    expect(oneDirectionMtld(tokens)).toBe(13);
  });

  it('backward pass: no full factor, partial factor (1 − 10/13)/0.28 → MTLD 15.7733', () => {
    // most dog my love i but cats like: 8/8, then i 8/9 = .889, and 9/10, dogs 10/11 = .909,
    // like 10/12 = .833, i 10/13 = .769 — never ≤ .72, so the whole text is the remainder:
    // partial = (1 − 10/13) / (1 − .72) = (3/13) / .28 = 0.824176; MTLD = 13 / 0.824176 = 15.773333
    const backward = [...tokens].reverse();
    expect(countMtldFactors(backward)).toBeCloseTo(3 / 13 / 0.28, 12);
    expect(oneDirectionMtld(backward)).toBeCloseTo(15.773333, 5);
  });

  it('bidirectional MTLD is the mean of both passes: (13 + 15.773333) / 2 = 14.386667', () => {
    expect(measureOfTextualLexicalDiversity(tokens)).toBeCloseTo(14.386667, 5);
  });

  it('counts several full factors: "a a b b c c" → factors at each repeat → 3 factors, MTLD 2', () => {
    // a 1/1, a 1/2 = .5 → factor; b 1/1, b .5 → factor; c 1/1, c .5 → factor; no remainder
    const repeated = ['a', 'a', 'b', 'b', 'c', 'c'];
    expect(countMtldFactors(repeated)).toBe(3);
    expect(measureOfTextualLexicalDiversity(repeated)).toBe(2);
  });

  it('uses "≤ threshold": a TTR exactly at the threshold closes a factor', () => {
    // with threshold 0.75: a b c a → TTR 3/4 = .75 ≤ .75 → one factor, remainder empty → MTLD 4
    expect(countMtldFactors(['a', 'b', 'c', 'a'], 0.75)).toBe(1);
    // with the default .72 the same text is a partial factor (1 − .75)/.28 = .892857 → MTLD 4 / .892857 = 4.48
    expect(oneDirectionMtld(['a', 'b', 'c', 'a'])).toBeCloseTo(4.48, 10);
  });

  it('is null without tokens and when no token repeats (factor count 0)', () => {
    expect(measureOfTextualLexicalDiversity([])).toBeNull();
    expect(measureOfTextualLexicalDiversity(['write', 'me', 'a', 'poem'])).toBeNull();
  });
});
