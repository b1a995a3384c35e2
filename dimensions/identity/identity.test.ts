import { describe, expect, it } from 'vitest';
import { createMemoryCache } from '../../src/annotate/annotation-cache.js';
import { silentProgress } from '../../src/cli/progress-reporter.js';
import type { Dialogue } from '../../src/core/dialogue.js';
import { detectIdentity } from './detect-identity.js';
import { dimension } from './index.js';

describe('detectIdentity rules', () => {
  it.each([
    ["I'm a nurse from Canada.", ['demographic'], ["I'm a nurse from Canada"]],
    ['I have type 2 diabetes, what should I eat?', ['physical'], ['I have type 2 diabetes']],
    ['Write a birthday message for my sister.', ['relationships'], ['Write a birthday message for my sister']],
    ['I love spicy food.', ['preferences'], ['I love spicy food']],
    ['I visited Rome last year.', ['past'], ['I visited Rome last year']],
    ['I am going to Japan next month.', ['future'], ['I am going to Japan next month']],
    ['I believe people should pay more taxes.', ['worldview'], ['I believe people should pay more taxes']],
    ['What is the boiling point of water?', [], []],
    ['I want you to act as a teacher.', [], []],
    // pasted creative material is not about the user
    ['Rewrite this story: I was born in a small village and my mother raised me alone. I love the sea.', [], []],
    // the user's own text, pasted to be paraphrased, is
    [
      'paraphrase: I have been working at the bank for 5 years and I will move to Berlin next year.',
      ['past', 'future'],
      ['I have been working at the bank for 5 years and I will move to Berlin next year'],
    ],
  ])('%j → %j', (text, categories, quotes) => {
    const detection = detectIdentity(text);
    expect(detection.categories).toEqual(categories);
    expect(detection.quotes).toEqual(quotes);
  });

  it('returns quotes that are exact substrings of the user text', () => {
    const texts = [
      'Hi! I’m 34 years old, I live in Lyon, and my husband and I are planning a trip to Japan next spring.',
      'I suffer from chronic back pain. My doctor says I should swim, but I hate swimming; I used to run every day.',
      'Improve my CV:\n• Developed a reporting pipeline, cutting report time by 40%\n• Led a team of 5 analysts',
    ];
    for (const text of texts) {
      const detection = detectIdentity(text);
      expect(detection.quotes.length).toBeGreaterThan(0);
      for (const quote of detection.quotes) expect(text).toContain(quote);
    }
    expect(detectIdentity(texts[0]!).categories).toEqual(['demographic', 'relationships', 'future']);
    expect(detectIdentity(texts[2]!).categories).toEqual(['past']);
  });
});

describe('identity dimension', () => {
  it('counts "none" per non-disclosing turn, the dialogue union, and the disclosing share', async () => {
    const dialogue: Dialogue = {
      id: 'd1',
      source: 'real',
      domain: 'test',
      turns: [
        { role: 'user', text: 'I love spicy food. Suggest a recipe.' },
        { role: 'assistant', text: 'Try…' },
        { role: 'user', text: 'How long does it take?' },
      ],
      aside: [],
      origin: { file: 'fixture', format: 'test' },
    };
    const annotator = await dimension.createAnnotator('rules', {});
    const [annotation] = await annotator.annotate([dialogue], { cache: createMemoryCache(), progress: silentProgress, options: {} });
    expect(annotation!.categorical).toEqual({ identity_turn: ['preferences', 'none'], identity_dialogue: ['preferences'] });
    // 1 of 2 user turns discloses → 50 percent
    expect(annotation!.numeric).toEqual({ disclosing_turn_percent: 50 });
    expect(annotation!.userTurns).toEqual([
      { turn: 1, identity: ['preferences'], identityQuotes: ['I love spicy food'] },
      { turn: 2, identity: [], identityQuotes: [] },
    ]);
  });
  it('gives a dialogue that reveals nothing one "none"', async () => {
    const annotator = await dimension.createAnnotator('rules', {});
    const [annotation] = await annotator.annotate(
      [{ id: 'd2', source: 'real', domain: 'test', turns: [{ role: 'user', text: 'What is 2+2?' }], aside: [], origin: { file: 'f', format: 'test' } }],
      { cache: createMemoryCache(), progress: silentProgress, options: {} },
    );
    expect(annotation!.categorical.identity_dialogue).toEqual(['none']);
  });
});
