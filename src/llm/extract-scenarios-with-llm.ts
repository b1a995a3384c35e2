import { contentKey, type AnnotationCache } from '../annotate/annotation-cache.js';
import { runEachWithConcurrency } from './run-each-with-concurrency.js';
import type { Dialogue } from '../core/dialogue.js';
import type { ProgressReporter } from '../cli/progress-reporter.js';
import { InvalidLlmAnswerError } from './invalid-llm-answer-error.js';
import { createLlmClient, type LlmClientDependencies } from './llm-client.js';
import { llmRunState } from './llm-run-state.js';
import type { LlmSettings } from './llm-settings.js';
import { SCENARIO_PREFIX, removePersonalDetails } from './offline-scenario.js';
import { truncateForPrompt } from './truncate-for-prompt.js';

export const SCENARIO_SYSTEM_PROMPT = `You read a conversation between a person and a chatbot, user and chatbot messages alike, and state in ONE sentence the task the user came to the chatbot for.
A long conversation comes in parts: with a later part you also get the sentence written so far, and you keep it or correct it with what the new part shows.
The sentence starts with "${SCENARIO_PREFIX}" and has fewer than 20 words in total.
Describe the task in general terms so another person could play the same user. Leave out every personal detail: names, places where the user lives, ages, e-mail addresses, phone numbers, employers, health details.
Answer with JSON only: {"scenario": "${SCENARIO_PREFIX} ..."}`;

export const SCENARIO_SCHEMA: Record<string, unknown> = {
  type: 'object',
  properties: { scenario: { type: 'string' } },
  required: ['scenario'],
  additionalProperties: false,
};
const SCENARIO_VERSION = 2;
/** Characters of dialogue text in one request; a longer dialogue is read in parts of whole turns. */
export const SCENARIO_CHUNK_CHARACTERS = 24_000;

/** Checks one answer: the prefix (added when the model wrote only "to …"), under 20 words, no e-mail/URL/long number. */
export function validateScenario(value: Record<string, unknown>): string {
  if (typeof value.scenario !== 'string') throw new InvalidLlmAnswerError(`scenario: expected a string, found ${JSON.stringify(value.scenario)}`);
  let sentence = value.scenario.trim().replace(/\s+/g, ' ').replace(/\.$/, '');
  if (/^to\s/i.test(sentence)) sentence = `interacting with a chatbot ${sentence}`;
  if (!sentence.toLowerCase().startsWith(SCENARIO_PREFIX)) {
    throw new InvalidLlmAnswerError(`scenario: expected a sentence starting "${SCENARIO_PREFIX}", found ${JSON.stringify(sentence.slice(0, 40))}`);
  }
  const words = sentence.split(' ').length;
  if (words >= 20) throw new InvalidLlmAnswerError(`scenario: expected fewer than 20 words, found ${words}`);
  if (removePersonalDetails(sentence) !== sentence) throw new InvalidLlmAnswerError('scenario: expected no e-mail address, URL, long number or name, found one');
  return `${SCENARIO_PREFIX}${sentence.slice(SCENARIO_PREFIX.length)}`;
}

export function scenarioNamespace(settings: LlmSettings): string {
  return `scenarios-llm@${SCENARIO_VERSION}:${settings.model}:${contentKey(SCENARIO_SYSTEM_PROMPT, JSON.stringify(SCENARIO_SCHEMA)).slice(0, 12)}`;
}

/**
 * The whole dialogue as prompt parts: every user and chatbot turn, each cut to llm.user-chars /
 * llm.assistant-chars (truncateForPrompt), numbered per role, grouped into parts of at most
 * SCENARIO_CHUNK_CHARACTERS characters of whole turns (a single longer turn is a part of its own).
 */
export function scenarioPromptParts(dialogue: Dialogue, settings: LlmSettings, chunkCharacters = SCENARIO_CHUNK_CHARACTERS): string[] {
  const counts = { user: 0, assistant: 0 };
  const blocks = dialogue.turns.map((turn) => {
    counts[turn.role] += 1;
    const label = turn.role === 'user' ? 'User' : 'Chatbot';
    const limit = turn.role === 'user' ? settings.userTurnCharacters : settings.assistantTurnCharacters;
    return `${label} message ${counts[turn.role]}:\n<<<\n${truncateForPrompt(turn.text, limit)}\n>>>`;
  });
  const parts: string[][] = [];
  let size = 0;
  for (const block of blocks) {
    const current = parts[parts.length - 1];
    if (current === undefined || size + block.length > chunkCharacters) {
      parts.push([block]);
      size = block.length;
    } else {
      current.push(block);
      size += block.length + 2;
    }
  }
  if (parts.length <= 1) return [blocks.join('\n\n')];
  return parts.map((part, index) => `Part ${index + 1} of ${parts.length} of the conversation:\n\n${part.join('\n\n')}`);
}

/** The user message for one part: the part, after the sentence so far for every part but the first. */
function partRequest(part: string, sentenceSoFar: string | undefined): string {
  return sentenceSoFar === undefined ? part : `The sentence so far: ${sentenceSoFar}\n\n${part}`;
}

/**
 * One scenario sentence per dialogue through the LLM client, from the whole dialogue (scenarioPromptParts):
 * a dialogue in several parts is read part by part, each request carrying the sentence so far. Cached by
 * content (model + prompt hash + the text shown), written to the cache as each dialogue's sentence is
 * final. Output order = input order.
 */
export async function extractScenariosWithLlm(
  dialogues: Dialogue[],
  settings: LlmSettings,
  context: { cache: AnnotationCache; progress: ProgressReporter; options: Record<string, string> },
  dependencies: Omit<LlmClientDependencies, 'dimension' | 'runState'> = {},
): Promise<string[]> {
  const namespace = scenarioNamespace(settings);
  const prompts = dialogues.map((dialogue) => scenarioPromptParts(dialogue, settings));
  const keys = prompts.map((parts) => contentKey(...parts));
  const results = new Map<string, string>();
  for (const key of keys) {
    const cached = context.cache.get(namespace, key);
    if (typeof cached === 'string') results.set(key, cached);
  }
  const missing = [...new Set(keys.filter((key) => !results.has(key)))];
  const task = context.progress.start(`scenarios (llm ${settings.model})`, dialogues.length);
  task.tick(dialogues.length - keys.filter((key) => !results.has(key)).length);
  if (missing.length > 0) {
    const client = createLlmClient(settings, { ...dependencies, dimension: 'scenarios', runState: llmRunState(context.options) });
    try {
      await runEachWithConcurrency(missing, settings.concurrency, async (key, index) => {
        const parts = prompts[keys.indexOf(key)] ?? [];
        let sentence: string | undefined;
        for (const [partIndex, part] of parts.entries()) {
          const answer = await client.completeJson({
            where: `scenario item ${index + 1} of ${missing.length}${parts.length > 1 ? ` part ${partIndex + 1} of ${parts.length}` : ''}`,
            messages: [
              { role: 'system', content: SCENARIO_SYSTEM_PROMPT },
              { role: 'user', content: partRequest(part, sentence) },
            ],
            schemaName: 'scenario',
            schema: SCENARIO_SCHEMA,
            validate: validateScenario,
          });
          sentence = answer.value;
        }
        results.set(key, sentence ?? '');
        context.cache.setMany(namespace, [[key, sentence ?? '']]);
        task.tick(keys.filter((other) => other === key).length);
      });
    } catch (error) {
      task.done();
      throw error;
    }
  }
  task.done();
  return keys.map((key) => results.get(key) ?? '');
}
