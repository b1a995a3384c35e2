import type { Dialogue } from '../core/dialogue.js';
import type { LabelTurn } from '../measure/annotator-validity/read-reference-labels.js';
import type { TurnContext } from './turn-context.js';

/**
 * What a dimension tells the generic turn-classifier trainer: its tags, the model's outputs (the tags,
 * plus e.g. "none" for intent's no-request turns), the gold tags of a labelled turn, which turns the
 * model learns from, how probabilities become tags, and the rule backend's tags as cues.
 */
export interface TurnLabelSpec {
  dimension: string;
  /** The dimension's tags, as its annotations and labels use them. */
  tags: readonly string[];
  /** Model outputs, one binary logistic model each: tags and any extra output the decoder uses. */
  outputs: readonly string[];
  /** Gold tags of a labelled turn, or undefined when the turn carries no label for this dimension. */
  goldTags(label: LabelTurn): readonly string[] | undefined;
  /** Targets (0/1 per output) of a labelled turn. */
  targets(gold: readonly string[]): Uint8Array;
  /** Whether the model learns from and is scored on this turn (feedback: the first turn is fixed). */
  isLearned(context: TurnContext): boolean;
  /** Tags of a turn the model does not decide (feedback's first turn: no_feedback). */
  fixedTags(context: TurnContext): readonly string[];
  /** Tags from per-output probabilities and thresholds. */
  decode(probabilities: ArrayLike<number>, thresholds: ArrayLike<number>, context: TurnContext): string[];
  /** The rule backend's tags for each user turn (stacked as features, and scored as the rules' figures). */
  ruleTags(dialogue: Dialogue): string[][];
  /** Occurrences of each turn-level measure of the dimension, from the tags of each turn. */
  turnMeasures(tagsPerTurn: ReadonlyArray<readonly string[]>): Record<string, string[]>;
}

/** The rule backend's tags as feature cues ("<dimension>-rule:<tag>"). */
export function ruleCuesOf(spec: TurnLabelSpec, dialogue: Dialogue): string[][] {
  return spec.ruleTags(dialogue).map((tags) => tags.map((tag) => `${spec.dimension}-rule:${tag}`));
}

/** The outputs whose probability reaches their threshold, in output order. */
export function outputsAtThreshold(outputs: readonly string[], probabilities: ArrayLike<number>, thresholds: ArrayLike<number>): string[] {
  return outputs.filter((_, index) => (probabilities[index] as number) >= (thresholds[index] as number));
}

/** The output with the largest probability relative to its threshold (for "at least one tag" decoders). */
export function bestOutputRelativeToThreshold(outputs: readonly string[], probabilities: ArrayLike<number>, thresholds: ArrayLike<number>, among: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestRatio = -Infinity;
  outputs.forEach((output, index) => {
    if (!among.includes(output)) return;
    const ratio = (probabilities[index] as number) / Math.max(1e-9, thresholds[index] as number);
    if (ratio > bestRatio) {
      bestRatio = ratio;
      best = output;
    }
  });
  return best;
}

/** 0/1 targets of the outputs that are gold tags (outputs absent from `gold` are 0). */
export function membershipTargets(outputs: readonly string[], gold: readonly string[]): Uint8Array {
  return Uint8Array.from(outputs, (output) => (gold.includes(output) ? 1 : 0));
}
