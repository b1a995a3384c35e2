/**
 * Finds an earlier user turn that the current turn repeats (dimensions/feedback/README.md: "repeats an earlier request
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
/**
 * How many earlier user turns a turn is compared with. A retry repeats a recent request; comparing with
 * every earlier turn made a dialogue of n user turns cost O(n²) (a 10k-turn log took minutes). No realsim
 * or MirrorBench dialogue has more than 45 user turns, so the window changes nothing there.
 */
export const REPETITION_LOOKBACK_TURNS = 256;

/** The word views of one user turn that repetition needs, computed once per turn. */
export interface RepetitionTurnWords {
  tokens: string[];
  types: Set<string>;
  content: Set<string>;
}

export function repetitionTurnWords(text: string): RepetitionTurnWords {
  const tokens = wordTokens(text);
  return { tokens, types: new Set(tokens), content: contentWords(tokens) };
}

/**
 * The earlier turn (among the last REPETITION_LOOKBACK_TURNS before `currentIndex`) that turn
 * `currentIndex` of `turns` repeats, with the highest jaccard; undefined when none.
 */
export function findRepeatedRequestAmong(turns: readonly RepetitionTurnWords[], currentIndex: number): RepetitionMatch | undefined {
  const current = turns[currentIndex];
  if (!current || current.content.size === 0) return undefined;
  let best: RepetitionMatch | undefined;
  for (let earlierIndex = Math.max(0, currentIndex - REPETITION_LOOKBACK_TURNS); earlierIndex < currentIndex; earlierIndex += 1) {
    const earlier = turns[earlierIndex]!;
    if (earlier.content.size < 2) continue;
    let kept = 0;
    let dropped = 0;
    for (const word of earlier.content) {
      if (current.content.has(word) || acronymCovered(word, current.tokens)) kept += 1;
      else dropped += 1;
    }
    if (dropped > 0) continue;
    let shared = 0;
    for (const type of earlier.types) if (current.types.has(type)) shared += 1;
    const jaccard = shared / (earlier.types.size + current.types.size - shared);
    const repeats = jaccard >= REPETITION_MINIMUM_JACCARD || earlier.content.size >= REPETITION_LONG_REQUEST_WORDS;
    if (!repeats) continue;
    if (!best || jaccard > best.jaccard) {
      const added = [...current.content].filter((word) => !earlier.content.has(word));
      best = { earlierIndex, containment: kept / earlier.content.size, jaccard, added };
    }
  }
  return best;
}

/** findRepeatedRequestAmong for one text against earlier texts (tests and one-off callers). */
export function findRepeatedRequest(currentText: string, earlierTexts: readonly string[]): RepetitionMatch | undefined {
  const turns = [...earlierTexts, currentText].map(repetitionTurnWords);
  return findRepeatedRequestAmong(turns, earlierTexts.length);
}
