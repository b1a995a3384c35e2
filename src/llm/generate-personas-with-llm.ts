import { contentKey, type AnnotationCache } from '../annotate/annotation-cache.js';
import { runEachWithConcurrency } from './run-each-with-concurrency.js';
import type { ProgressReporter } from '../cli/progress-reporter.js';
import { InvalidLlmAnswerError } from './invalid-llm-answer-error.js';
import { createLlmClient, type LlmClientDependencies } from './llm-client.js';
import { llmRunState } from './llm-run-state.js';
import type { LlmSettings } from './llm-settings.js';
import { removePersonalDetails } from './offline-scenario.js';

/** The instruction for candidate informed personas: who might plausibly bring this task to a chatbot. */
export function personaSystemPrompt(candidates: number): string {
  return `You are given a task that someone brought to an AI chatbot. Describe ${candidates} different people who could plausibly have come with exactly this task.
Each description is one short noun phrase naming who the person is and their situation, for example "a night-shift nurse planning her week" or "a first-year student with a statistics assignment due".
Make the ${candidates} people differ from each other in background and situation. Give no names, places of residence, e-mail addresses or phone numbers.
Answer with JSON only: {"personas": ["...", ...]} with exactly ${candidates} entries.`;
}

export const PERSONA_SCHEMA: Record<string, unknown> = {
  type: 'object',
  properties: { personas: { type: 'array', items: { type: 'string' } } },
  required: ['personas'],
  additionalProperties: false,
};
const PERSONA_VERSION = 1;
/** A persona is a phrase, not a paragraph: longer answers are refused and retried. */
const MAXIMUM_PERSONA_WORDS = 25;

/** Checks one answer: exactly `candidates` distinct non-empty phrases of at most 25 words, without personal details. */
export function validatePersonas(value: Record<string, unknown>, candidates: number): string[] {
  const list = value['personas'];
  if (!Array.isArray(list) || !list.every((entry) => typeof entry === 'string')) throw new InvalidLlmAnswerError(`personas: expected a list of strings, found ${JSON.stringify(list)?.slice(0, 60)}`);
  const personas = (list as string[]).map((entry) => entry.replace(/\s+/g, ' ').trim().replace(/\.$/, '')).filter((entry) => entry !== '');
  if (personas.length !== candidates) throw new InvalidLlmAnswerError(`personas: expected ${candidates} non-empty entries, found ${personas.length}`);
  if (new Set(personas.map((entry) => entry.toLowerCase())).size !== personas.length) throw new InvalidLlmAnswerError('personas: expected different people, found the same one twice');
  for (const persona of personas) {
    const words = persona.split(' ').length;
    if (words > MAXIMUM_PERSONA_WORDS) throw new InvalidLlmAnswerError(`personas: expected at most ${MAXIMUM_PERSONA_WORDS} words each, found ${words}`);
    if (removePersonalDetails(persona) !== persona) throw new InvalidLlmAnswerError('personas: expected no e-mail address, URL, long number or name, found one');
  }
  return personas;
}

export function personaNamespace(settings: LlmSettings, candidates: number): string {
  return `personas-llm@${PERSONA_VERSION}:${settings.model}:${contentKey(personaSystemPrompt(candidates), JSON.stringify(PERSONA_SCHEMA)).slice(0, 12)}`;
}

/**
 * Candidate personas for each scenario sentence through the shared LLM client, cached by content (model,
 * prompt hash, the sentence), written to the cache as each answer arrives. Output order = input order;
 * the same sentence is asked once.
 */
export async function generatePersonasWithLlm(
  scenarios: readonly string[],
  candidates: number,
  settings: LlmSettings,
  context: { cache: AnnotationCache; progress: ProgressReporter; options: Record<string, string> },
  dependencies: Omit<LlmClientDependencies, 'dimension' | 'runState'> = {},
): Promise<string[][]> {
  const namespace = personaNamespace(settings, candidates);
  const prompts = scenarios.map((scenario) => `Task: ${scenario.trim()}`);
  const keys = prompts.map((prompt) => contentKey(prompt));
  const results = new Map<string, string[]>();
  for (const key of keys) {
    const cached = context.cache.get(namespace, key);
    if (Array.isArray(cached)) results.set(key, cached as string[]);
  }
  const missing = [...new Set(keys.filter((key) => !results.has(key)))];
  const task = context.progress.start(`personas (llm ${settings.model})`, scenarios.length);
  task.tick(keys.filter((key) => results.has(key)).length);
  if (missing.length > 0) {
    const client = createLlmClient(settings, { ...dependencies, dimension: 'personas', runState: llmRunState(context.options) });
    try {
      await runEachWithConcurrency(missing, settings.concurrency, async (key, index) => {
        const answer = await client.completeJson({
          where: `personas item ${index + 1} of ${missing.length}`,
          messages: [
            { role: 'system', content: personaSystemPrompt(candidates) },
            { role: 'user', content: prompts[keys.indexOf(key)] ?? '' },
          ],
          schemaName: 'personas',
          schema: PERSONA_SCHEMA,
          validate: (value) => validatePersonas(value, candidates),
        });
        results.set(key, answer.value);
        context.cache.setMany(namespace, [[key, answer.value]]);
        task.tick(keys.filter((other) => other === key).length);
      });
    } catch (error) {
      task.done();
      throw error;
    }
  }
  task.done();
  return keys.map((key) => results.get(key) ?? []);
}
