import { RealsimError, quoteForMessage } from '../../../src/core/realsim-error.js';
import { ekmanClassesOfRow, type EmotionLabel } from '../emotion-labels.js';

export interface GoEmotionsRow {
  text: string;
  /** The distinct classes the row's GoEmotions labels map to under the official ekman_mapping.json. */
  officialClasses: EmotionLabel[];
  /** The same under the mapping the classifier is trained with (some categories neutralised). */
  trainingClasses: EmotionLabel[];
}

/** Parses a GoEmotions split (text \t comma-separated label ids \t comment id, no header). */
export function parseGoEmotionsTsv(
  text: string,
  officialEkmanById: readonly EmotionLabel[],
  trainingEkmanById: readonly EmotionLabel[],
  file: string,
): GoEmotionsRow[] {
  const rows: GoEmotionsRow[] = [];
  const lines = text.split('\n');
  lines.forEach((line, lineIndex) => {
    if (line.length === 0) return;
    const fields = line.replace(/\r$/, '').split('\t');
    if (fields.length !== 3) {
      throw new RealsimError(
        'INPUT_INVALID_RECORD',
        `${file}:${lineIndex + 1}: expected 3 tab-separated fields (text, label ids, id), found ${fields.length} in ${quoteForMessage(line)}`,
      );
    }
    rows.push({
      text: fields[0] as string,
      officialClasses: ekmanClassesOfRow(fields[1] as string, officialEkmanById),
      trainingClasses: ekmanClassesOfRow(fields[1] as string, trainingEkmanById),
    });
  });
  return rows;
}
