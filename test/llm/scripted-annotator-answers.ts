import type { Dialogue } from '../../src/core/dialogue.js';
import type { ChatRequestBody } from './chat-completions-server.js';

/**
 * Deterministic "model" for the annotator tests: reads the user turns out of the prompt the llm backends
 * render ("User turn N:" then the text between <<< and >>>) and answers by fixed cue words. Some answers
 * use aliases on purpose ("positive_feedback", "#negative_feedback", "Translation") so the alias tables
 * are exercised, and one identity quote never occurs in the text (it must be dropped and counted).
 */
export function userTurnsInPrompt(prompt: string): Array<{ turn: number; text: string }> {
  const turns: Array<{ turn: number; text: string }> = [];
  const pattern = /^User turn (\d+):\n<<<\n([\s\S]*?)\n>>>$/gm;
  for (let match = pattern.exec(prompt); match; match = pattern.exec(prompt)) {
    turns.push({ turn: Number(match[1]), text: match[2] ?? '' });
  }
  return turns;
}

function intentFor(text: string): Array<{ request: string; intents: string[] }> {
  const lower = text.toLowerCase();
  if (/^write\b/.test(lower)) return [{ request: 'write something', intents: ['content_generation'] }];
  if (/^translate\b/.test(lower)) return [{ request: 'translate text', intents: ['Translation'] }];
  if (/^explain\b/.test(lower)) return [{ request: 'explain', intents: ['info_understanding', 'system_management'] }];
  if (lower.includes('?')) return [{ request: 'a question', intents: ['info_retrieval'] }];
  return [];
}

function feedbackFor(text: string): string[] {
  const lower = text.toLowerCase();
  const tags: string[] = [];
  if (lower.includes('thanks')) tags.push('positive_feedback');
  if (lower.includes('wrong')) tags.push('#negative_feedback');
  if (lower.includes('again')) tags.push('regeneration_request');
  return tags.length > 0 ? tags : ['no_feedback'];
}

function identityFor(text: string): Array<{ category: string; quote: string }> {
  const disclosures: Array<{ category: string; quote: string }> = [];
  const occupation = /I am an? [a-z]+/.exec(text);
  if (occupation) disclosures.push({ category: 'demographic', quote: occupation[0] });
  if (text.includes('my sister')) {
    disclosures.push({ category: 'relationships', quote: 'my sister' });
    disclosures.push({ category: 'relationships', quote: 'my beloved older sister' });
  }
  return disclosures;
}

/** Knowledge: capitalized words after the first word are known; a question is not known (its words lower-cased). */
function knowledgeFor(text: string): string[] {
  const statements: string[] = [];
  const words = text.split(/\s+/).slice(1).join(' ');
  for (const match of words.matchAll(/\b[A-Z][a-z]+\b/g)) statements.push(`The user knows about ${match[0]}.`);
  if (text.trim().endsWith('?')) statements.push(`the user doesn't know ${text.trim().slice(0, -1).toLowerCase()}`);
  return statements;
}

export function scriptedAnswer(body: ChatRequestBody): string {
  const system = body.messages[0]?.content ?? '';
  const turns = userTurnsInPrompt(body.messages[1]?.content ?? '');
  if (system.includes('"requests"')) return JSON.stringify({ turns: turns.map(({ turn, text }) => ({ turn, requests: intentFor(text) })) });
  if (system.includes('"feedback"')) return JSON.stringify({ turns: turns.map(({ turn, text }) => ({ turn, feedback: feedbackFor(text) })) });
  if (system.includes('"disclosures"')) return JSON.stringify({ turns: turns.map(({ turn, text }) => ({ turn, disclosures: identityFor(text) })) });
  if (system.includes('"statements"')) return JSON.stringify({ turns: turns.map(({ turn, text }) => ({ turn, statements: knowledgeFor(text) })) });
  return '{"turns": []}';
}

function dialogue(id: string, userTexts: string[]): Dialogue {
  return {
    id,
    source: 'real',
    domain: 'test',
    turns: userTexts.flatMap((text, index) => [
      { role: 'user' as const, text },
      { role: 'assistant' as const, text: `answer ${index + 1} of ${id}` },
    ]),
    aside: [],
    origin: { file: 'fixture', format: 'test' },
  };
}

/** Twelve small dialogues; d1 has five user turns (two chunks at 3 turns per request), d12 one very long turn. */
export function fixtureDialogues(): Dialogue[] {
  const set = [
    dialogue('d1', ['Write a poem about rain', 'thanks, that is lovely', 'that is wrong, do it again', 'I am a teacher and my sister loves poems', 'ok']),
    dialogue('d2', ['Translate this to French: good morning', 'thanks']),
    dialogue('d3', ['What is the capital of Peru?', 'Explain it simply', 'wrong']),
  ];
  for (let index = 4; index <= 11; index += 1) {
    set.push(dialogue(`d${index}`, [`What is ${index} squared?`, index % 2 === 0 ? 'thanks' : `Write a limerick about the number ${index}`, 'ok']));
  }
  set.push(dialogue('d12', [`Explain this log: ${'x'.repeat(5_000)} end of log`, 'I am a student, thanks']));
  return set;
}
