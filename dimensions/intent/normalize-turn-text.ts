/**
 * Lower-cases user text and folds typographic quotes and dashes to ASCII, so rules written with
 * plain apostrophes ("don't") also match "don’t". Length is preserved (one character in, one out),
 * so positions found in the normalized text are valid in the original.
 */
export function normalizeTurnText(text: string): string {
  let lowered = text.toLowerCase();
  if (lowered.length !== text.length) {
    // a few characters change length when lower-cased ("İ"); keep those as they are
    lowered = Array.from(text, (character) => {
      const lower = character.toLowerCase();
      return lower.length === character.length ? lower : character;
    }).join('');
  }
  return lowered
    .replace(/[\u2018\u2019\u201B\u2032`]/g, "'")
    .replace(/[\u201C\u201D\u201E\u2033]/g, '"')
    .replace(/[\u2013\u2014]/g, '-');
}

/** A piece of the turn with its start offset in the original text. */
export interface TextSegment {
  text: string;
  start: number;
}

/**
 * Splits text into sentences/lines (., ?, ! followed by space, or a line break), keeping offsets.
 * Empty pieces are dropped.
 */
export function splitIntoSentences(text: string): TextSegment[] {
  const segments: TextSegment[] = [];
  const boundary = /[.?!]+(?=\s)|\n+/g;
  let start = 0;
  const push = (end: number) => {
    const raw = text.slice(start, end);
    const trimmedStart = raw.length - raw.trimStart().length;
    const trimmed = raw.trim();
    if (trimmed.length > 0) segments.push({ text: trimmed, start: start + trimmedStart });
  };
  for (let match = boundary.exec(text); match !== null; match = boundary.exec(text)) {
    const end = match[0].startsWith('\n') ? match.index : match.index + match[0].length;
    push(end);
    start = match.index + match[0].length;
  }
  push(text.length);
  return segments;
}
