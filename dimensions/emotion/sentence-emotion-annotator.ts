import type { Dialogue } from '../../src/core/dialogue.js';
import type { AnnotationContext, DialogueAnnotation, DimensionAnnotator } from '../../src/core/dimension.js';
import { contentKey } from '../../src/annotate/annotation-cache.js';
import { applyConfidenceThreshold } from './confidence-threshold.js';
import { isEmotionLabel, neutralLabel, type EmotionLabel } from './emotion-labels.js';
import type { SentenceEmotionPrediction } from './linear-emotion-classifier.js';
import { splitSentences } from './sentence-splitter.js';

export const sentenceEmotionMeasureId = 'sentence_emotion';

/** What the cache holds per user message: one [top label, calibrated confidence] pair per sentence. */
type CachedMessagePredictions = Array<[string, number]>;

export interface SentenceEmotionAnnotatorSettings {
  /** Written into every report row, e.g. "goemotions-linear@… (…, threshold 0.75)". */
  backend: string;
  /**
   * Cache namespace: dimension id + backend version. The cache holds the threshold-free top prediction
   * of every sentence, so changing the threshold reuses it; the threshold is applied after reading.
   */
  cacheNamespace: string;
  threshold: number;
  /** Classifies sentences; returns one prediction per sentence, in order. */
  classifySentences(sentences: string[]): Promise<SentenceEmotionPrediction[]>;
  /**
   * Turn-level emotions that decide the sentence labels (the trained backend): per user turn, in order.
   * When given, the confidence threshold is not used; see sentenceLabelsUnderTurnEmotions.
   */
  turnEmotionsOf?(dialogue: Dialogue): ReadonlyArray<readonly string[]>;
  /** How many sentences to hand to classifySentences at once. */
  batchSize?: number;
  dispose?(): Promise<void>;
}

export interface UserTurnEmotionDetail {
  /** 1-based user turn number. */
  turn: number;
  /** One label per sentence after the confidence threshold. */
  sentenceLabels: EmotionLabel[];
  /** Top prediction and its calibrated confidence per sentence, before the threshold. */
  sentencePredictions: Array<{ label: EmotionLabel; confidence: number }>;
  /** True when every sentence is neutral (also for a message with no sentences). */
  allNeutral: boolean;
  /** The turn's emotions for validation against turn-level labels: its non-neutral sentence labels, or ["neutral"]. */
  emotion: EmotionLabel[];
}

/** Turn-level view of sentence labels: distinct non-neutral labels in first-seen order, else ["neutral"]. */
export function turnLevelEmotions(sentenceLabels: readonly EmotionLabel[]): EmotionLabel[] {
  const emotions = [...new Set(sentenceLabels.filter((label) => label !== neutralLabel))];
  return emotions.length > 0 ? emotions : [neutralLabel];
}

/**
 * Sentence labels of a turn whose emotions a turn-level model decided: a sentence keeps its classifier
 * label when that label is one of the turn's emotions, every other sentence is neutral; an emotion of the
 * turn that no sentence's label names goes to the first sentence the classifier found any emotion in,
 * else to the first sentence. So the turn-level aggregation (turnLevelEmotions) of the result gives back
 * the turn's emotions, and each sentence still carries one label.
 * ["joy"] over (joy 0.6, neutral 0.9) → joy, neutral; ["anger"] over (joy 0.6, neutral 0.9) → anger, neutral;
 * ["neutral"] → all neutral.
 */
export function sentenceLabelsUnderTurnEmotions(
  predictions: ReadonlyArray<{ label: EmotionLabel }>,
  turnEmotions: readonly string[],
): EmotionLabel[] {
  const wanted = turnEmotions.filter((emotion): emotion is EmotionLabel => isEmotionLabel(emotion) && emotion !== neutralLabel);
  const labels: EmotionLabel[] = predictions.map((prediction) => (wanted.includes(prediction.label) ? prediction.label : neutralLabel));
  for (const emotion of wanted) {
    if (labels.includes(emotion) || labels.length === 0) continue;
    const firstEmotional = predictions.findIndex((prediction, index) => prediction.label !== neutralLabel && labels[index] === neutralLabel);
    const position = firstEmotional >= 0 ? firstEmotional : labels.indexOf(neutralLabel);
    if (position >= 0) labels[position] = emotion;
  }
  return labels;
}

/** Confidences are stored with 4 decimals; cold and warm runs both threshold the rounded value. */
export const roundConfidence = (confidence: number) => Math.round(confidence * 10_000) / 10_000;

function readCachedPredictions(value: unknown): CachedMessagePredictions | undefined {
  if (!Array.isArray(value)) return undefined;
  const valid = value.every(
    (entry) => Array.isArray(entry) && typeof entry[0] === 'string' && isEmotionLabel(entry[0]) && typeof entry[1] === 'number',
  );
  return valid ? (value as CachedMessagePredictions) : undefined;
}

/**
 * Per-sentence emotion annotation of every user message, shared by all emotion backends. Each distinct
 * user message is split and classified once; results are cached by message content.
 */
export function createSentenceEmotionAnnotator(settings: SentenceEmotionAnnotatorSettings): DimensionAnnotator {
  const batchSize = settings.batchSize ?? 256;
  return {
    backend: settings.backend,
    async annotate(dialogues: Dialogue[], context: AnnotationContext): Promise<DialogueAnnotation[]> {
      const predictionsByKey = new Map<string, CachedMessagePredictions>();
      const missingTexts = new Map<string, string>();
      for (const dialogue of dialogues) {
        for (const turn of dialogue.turns) {
          if (turn.role !== 'user') continue;
          const key = contentKey(turn.text);
          if (predictionsByKey.has(key) || missingTexts.has(key)) continue;
          const cached = readCachedPredictions(context.cache.get(settings.cacheNamespace, key));
          if (cached) predictionsByKey.set(key, cached);
          else missingTexts.set(key, turn.text);
        }
      }

      if (missingTexts.size > 0) {
        const task = context.progress.start('emotion: classifying user messages', missingTexts.size);
        const pending: Array<{ key: string; sentences: string[] }> = [];
        let pendingSentences = 0;
        const flush = async () => {
          const sentences = pending.flatMap((message) => message.sentences);
          const predictions = sentences.length > 0 ? await settings.classifySentences(sentences) : [];
          let position = 0;
          const entries: Array<[string, unknown]> = pending.map((message) => {
            const messagePredictions: CachedMessagePredictions = message.sentences.map(() => {
              const prediction = predictions[position] as SentenceEmotionPrediction;
              position += 1;
              return [prediction.label, roundConfidence(prediction.confidence)];
            });
            predictionsByKey.set(message.key, messagePredictions);
            return [message.key, messagePredictions];
          });
          context.cache.setMany(settings.cacheNamespace, entries);
          task.tick(pending.length);
          pending.length = 0;
          pendingSentences = 0;
        };
        for (const [key, text] of missingTexts) {
          const sentences = splitSentences(text);
          pending.push({ key, sentences });
          pendingSentences += sentences.length;
          if (pendingSentences >= batchSize) await flush();
        }
        if (pending.length > 0) await flush();
        task.done();
      }

      return dialogues.map((dialogue) => {
        const sentenceLabels: EmotionLabel[] = [];
        const userTurns: UserTurnEmotionDetail[] = [];
        let userTurnNumber = 0;
        const decidedTurnEmotions = settings.turnEmotionsOf?.(dialogue);
        for (const turn of dialogue.turns) {
          if (turn.role !== 'user') continue;
          userTurnNumber += 1;
          const predictions = predictionsByKey.get(contentKey(turn.text)) ?? [];
          const turnEmotions = decidedTurnEmotions?.[userTurnNumber - 1];
          const turnLabels = turnEmotions
            ? sentenceLabelsUnderTurnEmotions(predictions.map(([label]) => ({ label: label as EmotionLabel })), turnEmotions)
            : predictions.map(([label, confidence]) => applyConfidenceThreshold(label as EmotionLabel, confidence, settings.threshold));
          sentenceLabels.push(...turnLabels);
          userTurns.push({
            turn: userTurnNumber,
            sentenceLabels: turnLabels,
            sentencePredictions: predictions.map(([label, confidence]) => ({ label: label as EmotionLabel, confidence })),
            allNeutral: turnLabels.every((label) => label === neutralLabel),
            emotion: turnLevelEmotions(turnLabels),
          });
        }
        return {
          dialogueId: dialogue.id,
          numeric: {},
          categorical: { [sentenceEmotionMeasureId]: sentenceLabels },
          userTurns: userTurns as unknown as Array<Record<string, unknown>>,
        };
      });
    },
    ...(settings.dispose ? { dispose: settings.dispose } : {}),
  };
}
