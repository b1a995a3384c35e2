/**
 * MTLD, the Measure of Textual Lexical Diversity (McCarthy & Jarvis 2010, Behavior Research Methods 42(2)).
 *
 * One pass walks the tokens keeping the type-token ratio (TTR) of the current segment. When the TTR falls
 * to the threshold (≤ 0.72) a full factor is counted and the segment restarts empty. At the end, the
 * unfinished segment adds a partial factor (1 − TTR) / (1 − threshold): how far it got towards a factor.
 * One pass's MTLD = tokens / factors. MTLD is the mean of a forward pass and a backward pass (the tokens
 * reversed), so the result does not depend on where the text happens to end.
 *
 * Undefined (null) when there are no tokens, or when the factor count is 0 — which happens exactly when
 * no token repeats (the TTR never leaves 1). Such texts are too short to measure; MTLD is meant for
 * texts of 100+ tokens, so per-message values of short messages are noisy.
 */
export const mtldThreshold = 0.72;

/** Full factors plus the partial factor of one left-to-right pass. */
export function countMtldFactors(tokens: readonly string[], threshold = mtldThreshold): number {
  let factors = 0;
  let segmentTypes = new Set<string>();
  let segmentTokens = 0;
  for (const token of tokens) {
    segmentTypes.add(token);
    segmentTokens += 1;
    if (segmentTypes.size / segmentTokens <= threshold) {
      factors += 1;
      segmentTypes = new Set<string>();
      segmentTokens = 0;
    }
  }
  if (segmentTokens > 0) {
    const remainderRatio = segmentTypes.size / segmentTokens;
    factors += (1 - remainderRatio) / (1 - threshold);
  }
  return factors;
}

/** MTLD of one direction: tokens per factor; null when there is no factor at all. */
export function oneDirectionMtld(tokens: readonly string[], threshold = mtldThreshold): number | null {
  const factors = countMtldFactors(tokens, threshold);
  return factors > 0 ? tokens.length / factors : null;
}

/** Bidirectional MTLD: mean of the forward and backward passes; null when undefined (see above). */
export function measureOfTextualLexicalDiversity(tokens: readonly string[], threshold = mtldThreshold): number | null {
  if (tokens.length === 0) return null;
  const forward = oneDirectionMtld(tokens, threshold);
  const backward = oneDirectionMtld([...tokens].reverse(), threshold);
  if (forward === null || backward === null) return null;
  return (forward + backward) / 2;
}
