import type { Dialogue } from '../../core/dialogue.js';
import type { DialogueAnnotation } from '../../core/dimension.js';
import { RealsimError, quoteForMessage } from '../../core/realsim-error.js';
import { anyDisclosureF1, type AnyDisclosureScore } from './any-disclosure-f1.js';
import { majorityBaselinePairs, majorityTagSet } from './majority-baseline.js';
import { neutralRate, type NeutralRate } from './neutral-rate.js';
import type { LabelRecord, LabelTurn } from './read-reference-labels.js';
import { VALIDATED_DIMENSIONS, referenceTagsFor, type ValidatedDimension } from './reference-label-tags.js';
import { scoreMultiLabel, type MultiLabelPair, type MultiLabelScore } from './score-multi-label.js';

export interface UnmatchedTurn {
  conversationId: string;
  /** 1-based user-turn number from the labels. */
  turn: number;
  reason: string;
}

export interface DimensionValidation {
  dimension: ValidatedDimension;
  tags: string[];
  /** Scored user turns (label turn matched to a dialogue user turn and an annotated turn). */
  matchedTurns: number;
  matchedDialogues: number;
  score: MultiLabelScore;
  majorityBaseline: { tagSet: string[]; score: MultiLabelScore };
  /** identity only: does the turn disclose anything (binary F1), annotator and majority baseline. */
  anyDisclosure?: { annotator: AnyDisclosureScore; majorityBaseline: AnyDisclosureScore };
  /** emotion only: share of all-neutral turns in labels vs predictions. */
  neutralRate?: NeutralRate;
  unmatched: {
    /** Labelled conversation ids with no dialogue of that id. */
    labelDialoguesWithoutDialogue: string[];
    /** Labelled conversation ids whose dialogue has no annotation. */
    labelDialoguesWithoutAnnotation: string[];
    turns: UnmatchedTurn[];
  };
}

function goldTags(turn: LabelTurn, dimension: ValidatedDimension): string[] {
  switch (dimension) {
    case 'intent':
      return turn.intent;
    case 'feedback':
      return turn.feedback;
    case 'identity':
      return turn.identity;
    case 'emotion':
      return [turn.emotion];
  }
}

/** Reads the predicted tags of one dimension from a userTurns entry: string[] or (emotion) one string. */
function predictedTags(entry: Record<string, unknown>, dimension: ValidatedDimension): string[] | undefined {
  const value = entry[dimension];
  if (typeof value === 'string') return [value];
  if (Array.isArray(value) && value.every((tag) => typeof tag === 'string')) return value as string[];
  return undefined;
}

function userTurnCount(dialogue: Dialogue): number {
  return dialogue.turns.filter((turn) => turn.role === 'user').length;
}

/**
 * Matches hand labels to annotator output (dialogues by conversation_id = Dialogue.id, turns by 1-based
 * user-turn number) and scores the annotator against them, with a majority-class baseline.
 * Unmatched dialogues and turns are reported, never silently dropped.
 */
export function validateDimension(input: {
  dialogues: readonly Dialogue[];
  labels: readonly LabelRecord[];
  dimension: ValidatedDimension;
  annotations: readonly DialogueAnnotation[];
}): DimensionValidation {
  const { dimension } = input;
  if (!VALIDATED_DIMENSIONS.includes(dimension)) {
    throw new RealsimError(
      'USAGE',
      `--dimension: expected one of ${VALIDATED_DIMENSIONS.map((name) => `"${name}"`).join(', ')}, found ${quoteForMessage(dimension)}`,
    );
  }
  const tags = [...referenceTagsFor(dimension)];
  const dialoguesById = new Map(input.dialogues.map((dialogue) => [dialogue.id, dialogue]));
  const annotationsById = new Map(input.annotations.map((annotation) => [annotation.dialogueId, annotation]));
  const pairs: MultiLabelPair[] = [];
  const unmatchedTurns: UnmatchedTurn[] = [];
  const withoutDialogue: string[] = [];
  const withoutAnnotation: string[] = [];
  let matchedDialogues = 0;

  for (const record of input.labels) {
    const dialogue = dialoguesById.get(record.conversationId);
    if (!dialogue) {
      withoutDialogue.push(record.conversationId);
      continue;
    }
    const annotation = annotationsById.get(record.conversationId);
    if (!annotation) {
      withoutAnnotation.push(record.conversationId);
      continue;
    }
    const available = userTurnCount(dialogue);
    const annotatedTurns = new Map<number, Record<string, unknown>>();
    for (const entry of annotation.userTurns ?? []) {
      if (typeof entry.turn === 'number') annotatedTurns.set(entry.turn, entry);
    }
    let matchedHere = 0;
    for (const turn of record.turns) {
      const base = { conversationId: record.conversationId, turn: turn.turn };
      if (turn.turn > available) {
        unmatchedTurns.push({ ...base, reason: `the dialogue has ${available} user turns` });
        continue;
      }
      const entry = annotatedTurns.get(turn.turn);
      const predicted = entry ? predictedTags(entry, dimension) : undefined;
      if (!predicted) {
        unmatchedTurns.push({ ...base, reason: `the annotation has no "${dimension}" tags for this turn` });
        continue;
      }
      pairs.push({ gold: goldTags(turn, dimension), predicted });
      matchedHere += 1;
    }
    if (matchedHere > 0) matchedDialogues += 1;
  }

  const baselinePairs = majorityBaselinePairs(pairs);
  const validation: DimensionValidation = {
    dimension,
    tags,
    matchedTurns: pairs.length,
    matchedDialogues,
    score: scoreMultiLabel(pairs, tags),
    majorityBaseline: { tagSet: majorityTagSet(pairs.map((pair) => pair.gold)), score: scoreMultiLabel(baselinePairs, tags) },
    unmatched: { labelDialoguesWithoutDialogue: withoutDialogue, labelDialoguesWithoutAnnotation: withoutAnnotation, turns: unmatchedTurns },
  };
  if (dimension === 'identity') {
    validation.anyDisclosure = { annotator: anyDisclosureF1(pairs), majorityBaseline: anyDisclosureF1(baselinePairs) };
  }
  if (dimension === 'emotion') validation.neutralRate = neutralRate(pairs);
  return validation;
}

/** The `realsim validate --json` shape of one dimension (issue 4), plus the baseline next to it. */
export function validationSummary(validation: DimensionValidation): Record<string, unknown> {
  const perTag: Record<string, { precision: number; recall: number; f1: number; support: number }> = {};
  for (const [tag, score] of Object.entries(validation.score.perTag)) {
    perTag[tag] = { precision: score.precision, recall: score.recall, f1: score.f1, support: score.support };
  }
  const summary: Record<string, unknown> = {
    microF1: validation.score.microF1,
    macroF1: validation.score.macroF1,
    perTag,
    confusion: validation.score.confusion,
    matchedTurns: validation.matchedTurns,
    majorityBaseline: {
      tagSet: validation.majorityBaseline.tagSet,
      microF1: validation.majorityBaseline.score.microF1,
      macroF1: validation.majorityBaseline.score.macroF1,
    },
  };
  if (validation.anyDisclosure) {
    summary.anyDisclosureF1 = validation.anyDisclosure.annotator.f1;
    (summary.majorityBaseline as Record<string, unknown>).anyDisclosureF1 = validation.anyDisclosure.majorityBaseline.f1;
  }
  if (validation.neutralRate) summary.neutralRate = validation.neutralRate;
  return summary;
}
