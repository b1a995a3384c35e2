import type { DimensionDefinition } from '../core/dimension.js';
import { compareText } from './compare-text.js';
import { categoriesOf } from './measure-sample.js';
import type { MeasuredDialogue } from './measured-set.js';

export interface DialogueFeatureMatrix {
  /** Feature names: "dimension.measure" for numbers, "dimension.measure=category" for category shares. */
  names: string[];
  /** One row per dialogue (input order), one column per name; NaN where the dialogue has no value. */
  rows: Float64Array[];
}

/**
 * Per-dialogue features from the annotations, for telling real from simulated dialogues apart: every
 * numeric measure's value, and for every categorical measure the share of the dialogue's mass in each
 * category (count ÷ the dialogue's total for that measure; NaN when the dialogue has no mass there).
 * Embedding measures are left out (hundreds of dimensions would swamp the other features). Dimensions
 * and measures are taken in id order, categories in categoriesOf order, so the columns are stable.
 */
export function buildDialogueFeatureMatrix(
  dialogues: readonly MeasuredDialogue[],
  definitions: readonly DimensionDefinition[],
): DialogueFeatureMatrix {
  const names: string[] = [];
  const extractors: Array<{ width: number; extract: (dialogue: MeasuredDialogue, into: Float64Array, offset: number) => void }> = [];
  const sortedDefinitions = [...definitions].sort((a, b) => compareText(a.id, b.id));
  for (const definition of sortedDefinitions) {
    for (const measure of [...definition.measures].sort((a, b) => compareText(a.id, b.id))) {
      if (measure.scale === 'numeric') {
        names.push(`${definition.id}.${measure.id}`);
        extractors.push({
          width: 1,
          extract: (dialogue, into, offset) => {
            const value = dialogue.annotations[definition.id]?.numeric[measure.id];
            into[offset] = typeof value === 'number' && Number.isFinite(value) ? value : Number.NaN;
          },
        });
      } else if (measure.scale === 'categorical') {
        const categories = categoriesOf(definition.id, measure, [dialogues]);
        const indexOf = new Map(categories.map((category, index) => [category, index]));
        names.push(...categories.map((category) => `${definition.id}.${measure.id}=${category}`));
        extractors.push({
          width: categories.length,
          extract: (dialogue, into, offset) => {
            const occurrences = dialogue.annotations[definition.id]?.categorical[measure.id] ?? [];
            into.fill(occurrences.length === 0 ? Number.NaN : 0, offset, offset + categories.length);
            for (const category of occurrences) {
              const index = indexOf.get(category) as number;
              into[offset + index] = (into[offset + index] as number) + 1 / occurrences.length;
            }
          },
        });
      }
    }
  }
  const rows = dialogues.map((dialogue) => {
    const row = new Float64Array(names.length);
    let offset = 0;
    for (const { width, extract } of extractors) {
      extract(dialogue, row, offset);
      offset += width;
    }
    return row;
  });
  return { names, rows };
}
