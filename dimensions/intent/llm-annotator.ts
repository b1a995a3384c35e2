import type { Dialogue } from '../../src/core/dialogue.js';
import type { DialogueAnnotation, DimensionAnnotator } from '../../src/core/dimension.js';
import { annotateDialoguesWithLlm, llmBackendDescription, type LlmAnnotationOptions, type LlmDimensionTask } from '../../src/llm/annotate-dialogues-with-llm.js';
import { InvalidLlmAnswerError } from '../../src/llm/invalid-llm-answer-error.js';
import { resolveLlmSettings } from '../../src/llm/llm-settings.js';
import { normalizeTagList } from '../../src/llm/normalize-tag.js';
import { INTENT_TAGS } from './intent-tags.js';
import { INTENT_ANSWER_SCHEMA, INTENT_SYSTEM_PROMPT, INTENT_TAG_ALIASES } from './prompt.js';

/** What is cached per user turn: the requests found and the turn's intent tags (their union, guide order). */
export interface IntentTurnResult {
  requests: Array<{ request: string; intents: string[] }>;
  intent: string[];
}

export const INTENT_LLM_TASK: LlmDimensionTask<IntentTurnResult> = {
  dimension: 'intent',
  version: 1,
  systemPrompt: INTENT_SYSTEM_PROMPT,
  schemaName: 'intent_annotation',
  schema: INTENT_ANSWER_SCHEMA,
  showsAssistantTurns: true,
  validateTurn(raw, _turn, where) {
    if (!Array.isArray(raw.requests)) throw new InvalidLlmAnswerError(`${where}: expected "requests" to be a list, found ${JSON.stringify(raw.requests)}`);
    const requests = raw.requests.map((entry: unknown, index: number) => {
      const record = (entry ?? {}) as Record<string, unknown>;
      if (typeof record.request !== 'string') throw new InvalidLlmAnswerError(`${where} request ${index + 1}: expected a "request" string, found ${JSON.stringify(record.request)}`);
      const intents = normalizeTagList(record.intents, INTENT_TAGS, INTENT_TAG_ALIASES, `${where} request ${index + 1} intents`);
      if (intents.length === 0) throw new InvalidLlmAnswerError(`${where} request ${index + 1}: expected at least one intent tag, found none`);
      return { request: record.request.trim(), intents };
    });
    const union = new Set(requests.flatMap((request) => request.intents));
    return { requests, intent: INTENT_TAGS.filter((tag) => union.has(tag)) };
  },
  buildAnnotation(dialogue: Dialogue, turns): DialogueAnnotation {
    const tagOccurrences = turns.flatMap((turn) => turn.intent);
    return {
      dialogueId: dialogue.id,
      numeric: {},
      categorical: { intent: tagOccurrences, request_presence: turns.map((turn) => (turn.intent.length > 0 ? 'request' : 'none')) },
      userTurns: turns.map((turn, index) => ({ turn: index + 1, intent: turn.intent, requests: turn.requests })),
    };
  },
};

/** The intent llm backend: same measures and userTurns shape as the rules backend, plus the requests found. */
export function createIntentLlmAnnotator(options: Record<string, string>, llmOptions: LlmAnnotationOptions = {}): DimensionAnnotator {
  const settings = resolveLlmSettings(options, 'intent');
  return {
    backend: llmBackendDescription(INTENT_LLM_TASK, settings),
    annotate: (dialogues, context) => annotateDialoguesWithLlm(INTENT_LLM_TASK, settings, dialogues, context, llmOptions),
  };
}
