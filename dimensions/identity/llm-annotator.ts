import type { Dialogue } from '../../src/core/dialogue.js';
import type { DialogueAnnotation, DimensionAnnotator } from '../../src/core/dimension.js';
import { annotateDialoguesWithLlm, llmBackendDescription, type LlmAnnotationOptions, type LlmDimensionTask } from '../../src/llm/annotate-dialogues-with-llm.js';
import { InvalidLlmAnswerError } from '../../src/llm/invalid-llm-answer-error.js';
import { resolveLlmSettings } from '../../src/llm/llm-settings.js';
import { normalizeTag } from '../../src/llm/normalize-tag.js';
import { quoteOccursInText } from '../../src/llm/verify-quote.js';
import { IDENTITY_CATEGORIES } from './identity-categories.js';
import { identityMeasuresFromTurns } from './identity-measures.js';
import { IDENTITY_ANSWER_SCHEMA, IDENTITY_CATEGORY_ALIASES, IDENTITY_SYSTEM_PROMPT } from './prompt.js';

/**
 * What is cached per user turn. A category counts only with at least one quote that occurs in the user's
 * full text (see quoteOccursInText). An answer with a quote that does not is retried; on the last attempt
 * such quotes are dropped and counted in unverifiedQuotes (so a model that keeps inventing one quote does
 * not stop the run).
 */
export interface IdentityTurnResult {
  identity: string[];
  identityQuotes: string[];
  unverifiedQuotes: number;
}

export const IDENTITY_LLM_TASK: LlmDimensionTask<IdentityTurnResult> = {
  dimension: 'identity',
  version: 2,
  systemPrompt: IDENTITY_SYSTEM_PROMPT,
  schemaName: 'identity_annotation',
  schema: IDENTITY_ANSWER_SCHEMA,
  showsAssistantTurns: false,
  validateTurn(raw, turn, where, attempt) {
    if (!Array.isArray(raw.disclosures)) throw new InvalidLlmAnswerError(`${where}: expected "disclosures" to be a list, found ${JSON.stringify(raw.disclosures)}`);
    const verified = new Set<string>();
    const quotes: string[] = [];
    let unverifiedQuotes = 0;
    raw.disclosures.forEach((entry: unknown, index: number) => {
      const record = (entry ?? {}) as Record<string, unknown>;
      const category = normalizeTag(record.category, IDENTITY_CATEGORIES, IDENTITY_CATEGORY_ALIASES, `${where} disclosure ${index + 1} category`);
      if (typeof record.quote !== 'string') throw new InvalidLlmAnswerError(`${where} disclosure ${index + 1}: expected a "quote" string, found ${JSON.stringify(record.quote)}`);
      if (quoteOccursInText(record.quote, turn.fullText)) {
        verified.add(category);
        if (!quotes.includes(record.quote.trim())) quotes.push(record.quote.trim());
      } else {
        // a quote the user never wrote is a broken answer: ask again; only the last attempt keeps the rest of it
        if (!attempt.last) throw new InvalidLlmAnswerError(`${where} disclosure ${index + 1}: expected a quote that occurs in the user's text, found ${JSON.stringify(record.quote.slice(0, 80))}`);
        unverifiedQuotes += 1;
      }
    });
    return { identity: IDENTITY_CATEGORIES.filter((category) => verified.has(category)), identityQuotes: quotes, unverifiedQuotes };
  },
  buildAnnotation(dialogue: Dialogue, turns): DialogueAnnotation {
    return {
      dialogueId: dialogue.id,
      ...identityMeasuresFromTurns(turns.map((turn) => turn.identity)),
      userTurns: turns.map((turn, index) => ({
        turn: index + 1,
        identity: turn.identity,
        identityQuotes: turn.identityQuotes,
        unverifiedQuotes: turn.unverifiedQuotes,
      })),
    };
  },
};

/** The identity llm backend: same measures and userTurns shape as the rules backend, quotes verified. */
export function createIdentityLlmAnnotator(options: Record<string, string>, llmOptions: LlmAnnotationOptions = {}): DimensionAnnotator {
  const settings = resolveLlmSettings(options, 'identity');
  return {
    backend: llmBackendDescription(IDENTITY_LLM_TASK, settings),
    annotate: async (dialogues, context) => {
      const annotations = await annotateDialoguesWithLlm(IDENTITY_LLM_TASK, settings, dialogues, context, llmOptions);
      const dropped = annotations.reduce(
        (sum, annotation) => sum + (annotation.userTurns ?? []).reduce((turnSum, turn) => turnSum + Number(turn.unverifiedQuotes ?? 0), 0),
        0,
      );
      context.progress.note(`identity llm: ${dropped} quotes dropped because they do not occur in the user's text`);
      return annotations;
    },
  };
}
