import { RealsimError, quoteForMessage } from '../../src/core/realsim-error.js';

/**
 * The seven classes of the emotion dimension, in the order the trained classifier's weight rows use.
 * Neutral is a real class (not "no tag"): every sentence gets exactly one of these.
 */
export const emotionLabels = ['anger', 'disgust', 'fear', 'joy', 'sadness', 'surprise', 'neutral'] as const;

export type EmotionLabel = (typeof emotionLabels)[number];

export const neutralLabel: EmotionLabel = 'neutral';

export function isEmotionLabel(value: string): value is EmotionLabel {
  return (emotionLabels as readonly string[]).includes(value);
}

/**
 * GoEmotions categories that name a communicative act or a cognitive state rather than a felt emotion.
 * ekman_mapping.json files them under surprise (curiosity, confusion, realization), joy (approval) and
 * anger (disapproval). In chatbot logs these acts are everywhere — nearly every question is "curiosity",
 * every "yes" or "ok" is "approval", every "no, that's wrong" is "disapproval" — and other dimensions
 * already measure them (intent: requests and questions; feedback: agreement, rejection, clarification).
 * The default classifier therefore trains them as neutral; see README.md for the numbers either way.
 */
export const communicativeActGoEmotions = ['curiosity', 'confusion', 'realization', 'approval', 'disapproval'] as const;

/**
 * GoEmotions ships 27 emotions + neutral (data/emotions.txt, one per line, line number = label id) and a
 * mapping of the 27 to Ekman's six (data/ekman_mapping.json: { ekmanClass: [goEmotionsName, …] }).
 * Returns, for every GoEmotions label id, the Ekman class it maps to ("neutral" stays "neutral";
 * names listed in `neutralised` map to neutral).
 */
export function ekmanClassByGoEmotionsId(
  goEmotionsNames: readonly string[],
  ekmanMapping: Record<string, readonly string[]>,
  /** GoEmotions names to map to neutral instead of their Ekman class. */
  neutralised: readonly string[] = [],
): EmotionLabel[] {
  const ekmanByName = new Map<string, EmotionLabel>([['neutral', 'neutral']]);
  for (const [ekmanClass, names] of Object.entries(ekmanMapping)) {
    if (!isEmotionLabel(ekmanClass) || ekmanClass === 'neutral') {
      throw new RealsimError(
        'INPUT_INVALID_RECORD',
        `ekman mapping: expected a class among ${emotionLabels.slice(0, 6).join(', ')}, found ${quoteForMessage(ekmanClass)}`,
      );
    }
    for (const name of names) ekmanByName.set(name, ekmanClass);
  }
  return goEmotionsNames.map((name) => {
    const ekmanClass = neutralised.includes(name) ? neutralLabel : ekmanByName.get(name);
    if (ekmanClass === undefined) {
      throw new RealsimError(
        'INPUT_INVALID_RECORD',
        `ekman mapping: expected every goemotions label to map to an ekman class or neutral, found unmapped ${quoteForMessage(name)}`,
      );
    }
    return ekmanClass;
  });
}

/**
 * The Ekman classes a GoEmotions row's label ids ("3,17") map to, deduplicated, in emotionLabels order.
 * A row is "single-class" when this returns exactly one class.
 */
export function ekmanClassesOfRow(labelIds: string, ekmanById: readonly EmotionLabel[]): EmotionLabel[] {
  const classes = new Set<EmotionLabel>();
  for (const part of labelIds.split(',')) {
    const id = Number(part);
    const ekmanClass = Number.isInteger(id) ? ekmanById[id] : undefined;
    if (ekmanClass === undefined) {
      throw new RealsimError(
        'INPUT_INVALID_RECORD',
        `goemotions row: expected label ids between 0 and ${ekmanById.length - 1}, found ${quoteForMessage(labelIds)}`,
      );
    }
    classes.add(ekmanClass);
  }
  return emotionLabels.filter((label) => classes.has(label));
}
