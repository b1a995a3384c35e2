import type { Dialogue } from '../../src/core/dialogue.js';
import type { DialogueAnnotation, DimensionAnnotator } from '../../src/core/dimension.js';
import { annotateDialoguesWithLlm, llmBackendDescription, type LlmAnnotationOptions, type LlmDimensionTask } from '../../src/llm/annotate-dialogues-with-llm.js';
import { resolveLlmSettings } from '../../src/llm/llm-settings.js';
import { normalizeTagList } from '../../src/llm/normalize-tag.js';
import { FEEDBACK_TAGS } from './feedback-tags.js';
import { FEEDBACK_ANSWER_SCHEMA, FEEDBACK_SYSTEM_PROMPT, FEEDBACK_TAG_ALIASES } from './prompt.js';

export interface FeedbackTurnResult {
  feedback: string[];
}

/**
 * The feedback tags of one turn after the guide's fixed rules: the first user turn is ["no_feedback"]
 * whatever the model says; an empty list means no_feedback; no_feedback next to other tags is dropped
 * (the guide says to use it alone, and the other tags carry the reaction).
 */
export function settleFeedbackTags(tags: string[], turn: number): string[] {
  if (turn === 1) return ['no_feedback'];
  const reactions = tags.filter((tag) => tag !== 'no_feedback');
  return reactions.length > 0 ? reactions : ['no_feedback'];
}

export const FEEDBACK_LLM_TASK: LlmDimensionTask<FeedbackTurnResult> = {
  dimension: 'feedback',
  version: 1,
  systemPrompt: FEEDBACK_SYSTEM_PROMPT,
  schemaName: 'feedback_annotation',
  schema: FEEDBACK_ANSWER_SCHEMA,
  showsAssistantTurns: true,
  validateTurn(raw, turn, where) {
    const tags = normalizeTagList(raw.feedback, FEEDBACK_TAGS, FEEDBACK_TAG_ALIASES, `${where} feedback`);
    return { feedback: settleFeedbackTags(tags, turn.turn) };
  },
  buildAnnotation(dialogue: Dialogue, turns): DialogueAnnotation {
    return {
      dialogueId: dialogue.id,
      numeric: {},
      categorical: { feedback: turns.flatMap((turn) => turn.feedback) },
      userTurns: turns.map((turn, index) => ({ turn: index + 1, feedback: turn.feedback })),
    };
  },
};

/** The feedback llm backend: same measure and userTurns shape as the rules backend. */
export function createFeedbackLlmAnnotator(options: Record<string, string>, llmOptions: LlmAnnotationOptions = {}): DimensionAnnotator {
  const settings = resolveLlmSettings(options, 'feedback');
  return {
    backend: llmBackendDescription(FEEDBACK_LLM_TASK, settings),
    annotate: (dialogues, context) => annotateDialoguesWithLlm(FEEDBACK_LLM_TASK, settings, dialogues, context, llmOptions),
  };
}
