/**
 * Finds an earlier user turn that the current turn repeats (GUIDE.md §2: "repeats an earlier request
 * almost verbatim" is a regeneration request). Compares word tokens:
 * - containment = share of the earlier turn's content words present in the current turn;
 * - jaccard = |A ∩ B| / |A ∪ B| over all word types of both turns;
 * - dropped = content words of the earlier turn missing from the current one.
 * A repetition keeps every content word of the earlier request (nothing dropped: "X" → "X with more
 * details") and is either close overall (jaccard ≥ 0.5) or a request of ≥ 4 content words. A turn that
 * swaps the subject ("what does coffea taste like?" → "what does nicotiana taste like?") drops a
 * content word, so it is a new request, not a retry. An acronym counts as kept when its letters are the
 * initials of consecutive new words ("ai" ↔ "artificial intelligence").
 */
const STOP_WORDS = new Set(
  (
    'a an the of to in on for with and or but is are was were be been being it its this that these those i me my mine you ' +
    'your we our us he she they them his her their what which who whom how why when where do does did can could would will ' +
    'should shall may might must please give tell show make write list about from by as at into than then so some any all ' +
    'more most very just also there here have has had not no yes ok okay hi hello hey thanks thank again like get got let'
  ).split(' '),
);

export function wordTokens(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/[\u2018\u2019']/g, '')
    .match(/[\p{L}\p{N}]+/gu) ?? [];
}

export function contentWords(tokens: readonly string[]): Set<string> {
  return new Set(tokens.filter((token) => token.length > 1 && !STOP_WORDS.has(token) && !/^\d+$/.test(token)));
}

export interface RepetitionMatch {
  /** 0-based index of the earlier user turn. */
  earlierIndex: number;
  containment: number;
  jaccard: number;
  /** Content words of the current turn that the earlier turn lacks. */
  added: string[];
}

function acronymCovered(acronym: string, tokens: readonly string[]): boolean {
  if (acronym.length < 2 || acronym.length > 6) return false;
  for (let start = 0; start + acronym.length <= tokens.length; start += 1) {
    let matches = true;
    for (let offset = 0; offset < acronym.length; offset += 1) {
      if (tokens[start + offset]?.[0] !== acronym[offset]) {
        matches = false;
        break;
      }
    }
    if (matches) return true;
  }
  return false;
}

export const REPETITION_MINIMUM_JACCARD = 0.5;
export const REPETITION_LONG_REQUEST_WORDS = 4;

export function findRepeatedRequest(currentText: string, earlierTexts: readonly string[]): RepetitionMatch | undefined {
  const currentTokens = wordTokens(currentText);
  const currentTypes = new Set(currentTokens);
  const currentContent = contentWords(currentTokens);
  if (currentContent.size === 0) return undefined;
  let best: RepetitionMatch | undefined;
  earlierTexts.forEach((earlierText, earlierIndex) => {
    const earlierTokens = wordTokens(earlierText);
    const earlierContent = contentWords(earlierTokens);
    if (earlierContent.size < 2) return;
    let kept = 0;
    let dropped = 0;
    for (const word of earlierContent) {
      if (currentContent.has(word) || acronymCovered(word, currentTokens)) kept += 1;
      else dropped += 1;
    }
    const earlierTypes = new Set(earlierTokens);
    let shared = 0;
    for (const type of earlierTypes) if (currentTypes.has(type)) shared += 1;
    const jaccard = shared / (earlierTypes.size + currentTypes.size - shared);
    const containment = kept / earlierContent.size;
    const repeats = dropped === 0 && (jaccard >= REPETITION_MINIMUM_JACCARD || earlierContent.size >= REPETITION_LONG_REQUEST_WORDS);
    if (!repeats) return;
    if (!best || jaccard > best.jaccard) {
      const added = [...currentContent].filter((word) => !earlierContent.has(word));
      best = { earlierIndex, containment, jaccard, added };
    }
  });
  return best;
}
