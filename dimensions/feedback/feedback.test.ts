import { describe, expect, it } from 'vitest';
import { createMemoryCache } from '../../src/annotate/annotation-cache.js';
import { silentProgress } from '../../src/cli/progress-reporter.js';
import type { Dialogue } from '../../src/core/dialogue.js';
import { detectFeedback } from './detect-feedback.js';
import { findRepeatedRequest } from './find-repeated-request.js';
import { dimension } from './index.js';

/** Tags the last of `userTexts`, with `assistant` as the chatbot turn before it. */
const feedbackOfLast = (userTexts: string[], assistant = 'Here you go.') =>
  detectFeedback({ userTexts, index: userTexts.length - 1, previousAssistantText: assistant });

describe('detectFeedback rules', () => {
  it('always gives the first user turn no_feedback', () => {
    expect(feedbackOfLast(['Thanks, great answer! That is wrong.'], '')).toEqual(['no_feedback']);
  });
  it.each([
    [['Write a poem', 'Perfect, thank you!'], ['explicit_positive']],
    [['When did WW2 end?', 'That is wrong, the war ended in 1945.'], ['explicit_negative']],
    [['Write a poem', 'Try again'], ['regeneration_request']],
    [['Write a story', 'continue'], ['continuation_request']],
    [['What is latency?', 'What do you mean by jitter?'], ['clarification_request']],
    [['Summarize Dune', 'No, I meant the book, not the movie.'], ['provide_clarification']],
    [['Give me three options', 'focus on the second option only'], ['regeneration_request', 'provide_clarification']],
    [['Write a poem', 'Now write a haiku about autumn.'], ['no_feedback']],
    [['What is a CPU?', 'And what does a GPU do?'], ['no_feedback']],
  ])('%j → %j', (userTexts, expected) => {
    expect(feedbackOfLast(userTexts)).toEqual(expected);
  });
  it('reads a bare "yes" as continuation only when the chatbot offered to go on', () => {
    expect(feedbackOfLast(['Explain the steps', 'yes'], 'Step 1 is done. Shall I continue with step 2?')).toEqual(['continuation_request']);
    expect(feedbackOfLast(['Explain the steps', 'yes'], 'Step 1 is done.')).toEqual(['no_feedback']);
  });
});

describe('regeneration by repetition', () => {
  it('flags a turn repeating an earlier request, even two turns back', () => {
    expect(feedbackOfLast(['list all laptop brands in the world', 'Thanks', 'list all the popular laptop brands in the world'])).toEqual([
      'regeneration_request',
    ]);
  });
  it('does not flag a new request that swaps the subject', () => {
    expect(feedbackOfLast(['What does coffee taste like?', 'What does green tea taste like?'])).toEqual(['no_feedback']);
  });
  it('measures containment and jaccard, and accepts an acronym for its expansion', () => {
    // earlier: brand name website builder ai (5 content words, all kept: "ai" ↔ "artificial intelligence")
    // word types: earlier {brand,name,for,website,builder,with,ai} (7), current adds {artificial,intelligence} and lacks "ai"
    // shared 6, union 7 + 8 − 6 = 9 → jaccard 6/9 = 0.667
    const match = findRepeatedRequest('brand name for website builder with Artificial intelligence', ['brand name for website builder with AI']);
    expect(match?.earlierIndex).toBe(0);
    expect(match?.containment).toBe(1);
    expect(match?.jaccard).toBeCloseTo(6 / 9, 10);
    expect(match?.added).toEqual(['artificial', 'intelligence']);
  });
});

describe('feedback dimension', () => {
  it('annotates one entry per user turn', async () => {
    const dialogue: Dialogue = {
      id: 'd1',
      source: 'real',
      domain: 'test',
      turns: [
        { role: 'user', text: 'Write a poem' },
        { role: 'assistant', text: 'Roses…' },
        { role: 'user', text: 'great, thanks' },
      ],
      aside: [],
      origin: { file: 'fixture', format: 'test' },
    };
    const annotator = await dimension.createAnnotator('rules', {});
    const [annotation] = await annotator.annotate([dialogue], { cache: createMemoryCache(), progress: silentProgress, options: {} });
    expect(annotation!.categorical.feedback).toEqual(['no_feedback', 'explicit_positive']);
    expect(annotation!.userTurns).toEqual([
      { turn: 1, feedback: ['no_feedback'] },
      { turn: 2, feedback: ['explicit_positive'] },
    ]);
  });
});
