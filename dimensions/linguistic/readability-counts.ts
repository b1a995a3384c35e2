import readability from 'text-readability';

/**
 * The counts behind Flesch–Kincaid grade, taken from text-readability 1.1.1's own counters so the grade
 * is the library's formula: words = lexiconCount, sentences = sentenceCount, syllables = syllableCount.
 */
export interface ReadabilityCounts {
  words: number;
  sentences: number;
  syllables: number;
}

export const noReadabilityCounts: ReadabilityCounts = { words: 0, sentences: 0, syllables: 0 };

/** Counts for one user message; a message without any word contributes nothing (not even a sentence). */
export function readabilityCounts(text: string): ReadabilityCounts {
  const words = readability.lexiconCount(text);
  if (words === 0) return noReadabilityCounts;
  return { words, sentences: readability.sentenceCount(text), syllables: readability.syllableCount(text) };
}

export function addReadabilityCounts(left: ReadabilityCounts, right: ReadabilityCounts): ReadabilityCounts {
  return {
    words: left.words + right.words,
    sentences: left.sentences + right.sentences,
    syllables: left.syllables + right.syllables,
  };
}

/**
 * Flesch–Kincaid grade = 0.39 · words/sentences + 11.8 · syllables/words − 15.59 (Kincaid et al. 1975),
 * unrounded (text-readability's fleschKincaidGrade rounds both ratios to 0.1 first, which moves the grade
 * by up to ±0.6; a distance between distributions should not carry that step). Null without words.
 */
export function fleschKincaidGradeFromCounts(counts: ReadabilityCounts): number | null {
  if (counts.words === 0 || counts.sentences === 0) return null;
  return 0.39 * (counts.words / counts.sentences) + 11.8 * (counts.syllables / counts.words) - 15.59;
}
