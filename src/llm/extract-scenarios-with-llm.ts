import { contentKey, type AnnotationCache } from '../annotate/annotation-cache.js';
import type { Dialogue } from '../core/dialogue.js';
import type { ProgressReporter } from '../cli/progress-reporter.js';
import { InvalidLlmAnswerError } from './invalid-llm-answer-error.js';
import { createLlmClient, type LlmClientDependencies } from './llm-client.js';
import { llmRunState } from './llm-run-state.js';
import type { LlmSettings } from './llm-settings.js';
import { SCENARIO_PREFIX, removePersonalDetails } from './offline-scenario.js';
import { truncateForPrompt } from './truncate-for-prompt.js';

export const SCENARIO_SYSTEM_PROMPT = `You read the first user messages of a conversation between a person and a chatbot and state the user's task in ONE sentence.
The sentence starts with "${SCENARIO_PREFIX}" and has fewer than 20 words in total.
Describe the task in general terms so another person could play the same user. Leave out every personal detail: names, places where the user lives, ages, e-mail addresses, phone numbers, employers, health details.
Answer with JSON only: {"scenario": "${SCENARIO_PREFIX} ..."}`;

export const SCENARIO_SCHEMA: Record<string, unknown> = {
  type: 'object',
  properties: { scenario: { type: 'string' } },
  required: ['scenario'],
  additionalProperties: false,
};
const SCENARIO_VERSION = 1;
/** User turns shown to the model (the task is set at the start). */
const SCENARIO_USER_TURNS = 3;

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

function scenarioPrompt(dialogue: Dialogue, settings: LlmSettings): string {
  const userTexts = dialogue.turns.filter((turn) => turn.role === 'user').slice(0, SCENARIO_USER_TURNS);
  return userTexts.map((turn, index) => `User message ${index + 1}:\n<<<\n${truncateForPrompt(turn.text, settings.userTurnCharacters)}\n>>>`).join('\n\n');
}

/**
 * One scenario sentence per dialogue through the LLM client, cached by content (model + prompt hash +
 * the user text shown), written to the cache as each answer arrives. Output order = input order.
 */
export async function extractScenariosWithLlm(
  dialogues: Dialogue[],
  settings: LlmSettings,
  context: { cache: AnnotationCache; progress: ProgressReporter; options: Record<string, string> },
  dependencies: Omit<LlmClientDependencies, 'dimension' | 'runState'> = {},
): Promise<string[]> {
  const namespace = scenarioNamespace(settings);
  const prompts = dialogues.map((dialogue) => scenarioPrompt(dialogue, settings));
  const keys = prompts.map((prompt) => contentKey(prompt));
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
    let next = 0;
    let failure: unknown;
    const worker = async () => {
      while (failure === undefined && next < missing.length) {
        const index = next;
        next += 1;
        const key = missing[index] ?? '';
        try {
          const answer = await client.completeJson({
            where: `scenario item ${index + 1} of ${missing.length}`,
            messages: [
              { role: 'system', content: SCENARIO_SYSTEM_PROMPT },
              { role: 'user', content: prompts[keys.indexOf(key)] ?? '' },
            ],
            schemaName: 'scenario',
            schema: SCENARIO_SCHEMA,
            validate: validateScenario,
          });
          results.set(key, answer.value);
          context.cache.setMany(namespace, [[key, answer.value]]);
          task.tick(keys.filter((other) => other === key).length);
        } catch (error) {
          failure ??= error;
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(settings.concurrency, missing.length) }, () => worker()));
    if (failure !== undefined) {
      task.done();
      throw failure;
    }
  }
  task.done();
  return keys.map((key) => results.get(key) ?? '');
}
