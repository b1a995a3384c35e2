import { describe, expect, it } from 'vitest';
import { createMemoryCache } from '../../src/annotate/annotation-cache.js';
import { silentProgress } from '../../src/cli/progress-reporter.js';
import type { Dialogue } from '../../src/core/dialogue.js';
import { detectIntents } from './detect-intents.js';
import { dimension } from './index.js';

const context = { cache: createMemoryCache(), progress: silentProgress, options: {} };

describe('detectIntents rules', () => {
  it.each([
    ['What is the capital of Australia?', ['info_retrieval']],
    ['modernism in literature', ['info_retrieval']],
    ['Can you recommend some good sci-fi books?', ['info_discovery']],
    ['Why does ice float on water?', ['info_understanding']],
    ['Summarize the key points of the French Revolution.', ['info_distillation']],
    ['Should I invest in index funds or individual stocks?', ['info_analysis']],
    ['Compare Python and Java for web development.', ['info_analysis']],
    ['How do I reset my router?', ['method_guidance']],
    ['Write a poem about the sea.', ['content_generation']],
    ['Rewrite this paragraph to sound more formal: The meeting got moved to Friday.', ['content_modification']],
    ['Act as a travel agent.', ['system_management']],
    ['Explain quantum entanglement in simple terms.', ['info_understanding', 'system_management']],
    ['ok thanks', []],
    ['', []],
    ["I don't have a hobby", []],
  ])('%j → %j', (text, expected) => {
    expect(detectIntents(text)).toEqual(expected);
  });

  it('gives a bare "yes"/"more" the previous turn\'s intent and "continue" content_generation', () => {
    expect(detectIntents('yes', ['info_understanding'])).toEqual(['info_understanding']);
    expect(detectIntents('Suggest more', ['info_discovery', 'system_management'])).toEqual(['info_discovery']);
    expect(detectIntents('continue', ['info_retrieval'])).toEqual(['content_generation']);
  });

  it('treats a short answer to the chatbot\'s own question as no request', () => {
    expect(detectIntents('the UK', [], 'Could you tell me which country you are in?')).toEqual([]);
    expect(detectIntents('the UK', [], 'Is there anything else I can help you with?')).toEqual(['info_retrieval']);
  });

  it('reads the instruction, not the pasted material', () => {
    // "summarize" inside the pasted text must not add info_distillation
    expect(detectIntents('Translate this to French: We will summarize the results and write a report next week for the whole team.')).toEqual([
      'content_modification',
    ]);
  });
});

describe('intent dimension', () => {
  it('annotates every user turn and fills tag occurrences and request presence', async () => {
    const dialogue: Dialogue = {
      id: 'd1',
      source: 'real',
      domain: 'test',
      turns: [
        { role: 'user', text: 'Write a poem about the sea.' },
        { role: 'assistant', text: 'Waves…' },
        { role: 'user', text: 'ok thanks' },
      ],
      aside: [],
      origin: { file: 'fixture', format: 'test' },
    };
    const annotator = await dimension.createAnnotator('rules', {});
    const [annotation] = await annotator.annotate([dialogue], context);
    expect(annotation!.categorical).toEqual({ intent: ['content_generation'], request_presence: ['request', 'none'] });
    expect(annotation!.userTurns).toEqual([
      { turn: 1, intent: ['content_generation'] },
      { turn: 2, intent: [] },
    ]);
  });
  it('rejects an unknown backend', async () => {
    await expect(dimension.createAnnotator('gpt', {})).rejects.toThrow('--backend for intent: expected one of "trained", "rules", "llm", found "gpt"');
  });
});
