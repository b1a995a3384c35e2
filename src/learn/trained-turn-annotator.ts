import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import type { Dialogue } from '../core/dialogue.js';
import type { AnnotationContext, AnnotatorDistributionError, DialogueAnnotation, DimensionAnnotator } from '../core/dimension.js';
import { compactProbabilities, ensembleProbabilities, interleavedWeights, rowLookup } from './compact-turn-classifier.js';
import { dialogueContentKey } from './labelled-dialogues.js';
import { readTurnClassifier, type LoadedTurnClassifier } from './turn-classifier-artifact.js';
import { turnContextsOf, type TurnContext } from './turn-context.js';
import { TURN_FEATURES_VERSION, turnFeatures } from './turn-features.js';
import { ruleCuesOf, type TurnLabelSpec } from './turn-label-spec.js';
import { defaultTrainedModelPath } from './trained-turn-classifier-defaults.js';
import { tagRatesFromValidityFigures } from './prevalence-correction.js';

/** Scores turns with a loaded classifier: the fold model for dialogues it trained on, the ensemble otherwise. */
export interface TrainedTurnScorer {
  loaded: LoadedTurnClassifier;
  /** Tags of every user turn of a dialogue, and whether the dialogue was cross-fitted (seen in training). */
  tagDialogue(dialogue: Dialogue): { contexts: TurnContext[]; tags: string[][]; crossFitted: boolean; fold: number | undefined };
  /** Probabilities and thresholds of one context under the model chosen for its dialogue's fold. */
  probabilities(context: TurnContext, fold: number | undefined): { probabilities: Float64Array; thresholds: ArrayLike<number> };
}

export function createTrainedTurnScorer(spec: TurnLabelSpec, loaded: LoadedTurnClassifier): TrainedTurnScorer {
  const { classifier } = loaded;
  const rows = rowLookup(classifier);
  const interleaved = interleavedWeights(classifier);
  const settings = { bits: classifier.bits };
  const probabilities = (context: TurnContext, fold: number | undefined) => {
    const features = turnFeatures(context, settings);
    const model = fold === undefined ? undefined : classifier.models[fold];
    if (model) return { probabilities: compactProbabilities(classifier, rows, model, features), thresholds: model.thresholds };
    return ensembleProbabilities(classifier, rows, features, interleaved);
  };
  return {
    loaded,
    probabilities,
    tagDialogue(dialogue) {
      const fold = loaded.foldOfDialogue.get(dialogueContentKey(dialogue));
      const contexts = turnContextsOf(dialogue, ruleCuesOf(spec, dialogue));
      const tags = contexts.map((context) => {
        if (!spec.isLearned(context)) return [...spec.fixedTags(context)];
        const scored = probabilities(context, fold);
        return spec.decode(scored.probabilities, scored.thresholds, context);
      });
      return { contexts, tags, crossFitted: fold !== undefined, fold };
    },
  };
}

function distributionErrorOf(tvds: Record<string, number>, source: string): Record<string, AnnotatorDistributionError> {
  return Object.fromEntries(Object.entries(tvds).map(([measure, tvd]) => [measure, { tvd, source }]));
}

/**
 * The rule backend's distribution error, measured when the default trained model was made: the rules on
 * the labelled training turns (they were written from the guide and dev turns, never fitted to these).
 * Undefined when the committed model is missing.
 */
export function rulesDistributionError(dimension: string): Record<string, AnnotatorDistributionError> | undefined {
  const path = defaultTrainedModelPath(dimension);
  if (!existsSync(path)) return undefined;
  const rules = readTurnClassifier(path, dimension).artifact.quality.rulesOnTrainingTurns;
  return distributionErrorOf(rules.distributionTvd, `the rules on ${rules.turns} labelled turns they were not written from`);
}

/** The model file a run uses: `--option <dimension>.model=<file>`, else the committed default. */
export function trainedModelPathFor(dimension: string, options: Record<string, string>): string {
  return options[`${dimension}.model`] ?? defaultTrainedModelPath(dimension);
}

/**
 * Bumped when the code that turns a model's scores into an annotation changes (decode rules, quote location)
 * without the model file changing; the model's own hash is in the backend string.
 */
export const TRAINED_ANNOTATION_CODE_VERSION = 1;

/** What the cache keeps per dialogue content: the annotation without its id, and whether it was cross-fitted. */
interface CachedTrainedAnnotation {
  crossFitted: boolean;
  annotation: Omit<DialogueAnnotation, 'dialogueId'>;
}

function isCachedTrainedAnnotation(value: unknown): value is CachedTrainedAnnotation {
  if (typeof value !== 'object' || value === null) return false;
  const entry = value as { crossFitted?: unknown; annotation?: { categorical?: unknown; numeric?: unknown } };
  return typeof entry.crossFitted === 'boolean' && typeof entry.annotation === 'object' && entry.annotation !== null && typeof entry.annotation.categorical === 'object';
}

/** Cache namespace of a trained backend's annotations: dimension, code and feature versions, backend (with the model hash). */
export function trainedAnnotationCacheNamespace(dimension: string, backend: string): string {
  return `${dimension}:trained-annotation@${TRAINED_ANNOTATION_CODE_VERSION}:${TURN_FEATURES_VERSION}:${backend}`;
}

/**
 * The "trained" backend of a turn-level dimension: loads the model (the default or --option
 * <dimension>.model), tags every user turn, and lets the dimension build its annotation from the tags.
 * Dialogues that are in the model's training data are annotated by the fold model that did not see them
 * (cross-fitting), so the real set the model learned from is never measured in-sample; the count goes to
 * stderr. The backend string names the model file's sha256, so a retrained model is a different backend.
 * Annotations are cached by dialogue content (a warm rerun classifies nothing).
 */
export function createTrainedTurnAnnotator(
  spec: TurnLabelSpec,
  options: Record<string, string>,
  toAnnotation: (dialogue: Dialogue, tagged: ReturnType<TrainedTurnScorer['tagDialogue']>, scorer: TrainedTurnScorer) => DialogueAnnotation,
): DimensionAnnotator {
  const path = trainedModelPathFor(spec.dimension, options);
  const loaded = readTurnClassifier(path, spec.dimension);
  const scorer = createTrainedTurnScorer(spec, loaded);
  const fileHash = createHash('sha256').update(readFileSync(path)).digest('hex').slice(0, 12);
  const crossValidation = loaded.artifact.quality.crossValidation;
  const backend = `${loaded.artifact.backend} [model ${fileHash}]`;
  return {
    backend,
    distributionError: distributionErrorOf(crossValidation.distributionTvd, `cross-validated on ${crossValidation.turns} labelled turns (${crossValidation.folds} folds grouped by dialogue)`),
    tagRates: {
      measure: Object.keys(spec.turnMeasures([]))[0] ?? spec.dimension,
      perTag: tagRatesFromValidityFigures(crossValidation),
      source: `cross-validated on ${crossValidation.turns} labelled turns (${crossValidation.folds} folds grouped by dialogue)`,
    },
    async annotate(dialogues: Dialogue[], context: AnnotationContext) {
      const task = context.progress.start(spec.dimension, dialogues.length);
      const namespace = trainedAnnotationCacheNamespace(spec.dimension, backend);
      let crossFitted = 0;
      const fresh: Array<[string, CachedTrainedAnnotation]> = [];
      const annotations = dialogues.map((dialogue) => {
        const key = dialogueContentKey(dialogue);
        const cached = context.cache.get(namespace, key);
        let entry: CachedTrainedAnnotation;
        if (isCachedTrainedAnnotation(cached)) entry = cached;
        else {
          const tagged = scorer.tagDialogue(dialogue);
          const { dialogueId: _id, ...annotation } = toAnnotation(dialogue, tagged, scorer);
          entry = { crossFitted: tagged.crossFitted, annotation };
          fresh.push([key, entry]);
        }
        if (entry.crossFitted) crossFitted += 1;
        task.tick();
        return { dialogueId: dialogue.id, ...entry.annotation } as DialogueAnnotation;
      });
      context.cache.setMany(namespace, fresh);
      task.done();
      if (crossFitted > 0) {
        context.progress.note(`${spec.dimension}: ${crossFitted} of ${dialogues.length} dialogues are in the model's training data; each was annotated by the fold model that did not see it`);
      }
      return annotations;
    },
  };
}
