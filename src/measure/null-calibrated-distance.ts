import { RealsimError, quoteForMessage } from '../core/realsim-error.js';
import { toNormScale } from './norm-scale.js';

export interface NullCalibratedDistanceInput {
  /** The plug-in statistic of the two samples (a distance, or a cosine similarity when isDistance is false). */
  observed: number;
  /**
   * The same statistic under every valid relabelling of the pooled units, ascending (permutationPValues'
   * nullValues): two samples of these sizes drawn from one population.
   */
  nullValues: ArrayLike<number>;
  /** true for distances (0 = same), false for the centroid cosine similarity (1 = same). */
  isDistance: boolean;
  /** Two-sided coverage of the interval, in (0, 1); the critical value is the null's level quantile. */
  level: number;
  /**
   * Whether the permutation test rejected "no difference" at 1 − level (p ≤ 1 − level): the interval then
   * leaves out 0 (cosine: 1). The caller passes the test's own decision, so interval and test cannot disagree.
   */
  rejected: boolean;
  /** The largest the distance can be (1 for TVD); the interval is cut there. Default: unbounded. */
  largestPossible?: number;
}

export interface NullCalibratedDistance {
  /** Bias-corrected estimate, in the statistic's own scale. */
  corrected: number;
  /** Interval for the population statistic, in its own scale (for cosine: low and high similarities). */
  low: number;
  high: number;
  /** Smallest population distance detected with about 50% probability at these sizes (cosine: largest similarity). */
  minimumDetectable: number;
}

/**
 * Bias-corrected estimate, interval and minimum detectable distance of a norm distance from its permutation
 * null distribution. TVD (½‖p − q‖₁ of category shares) and Wasserstein-1 (‖F − G‖₁ of CDFs) are norms of the
 * difference of the two empirical distributions; the centroid cosine is first mapped to the chordal distance
 * r = √(2(1 − cos)) = ‖a/|a| − b/|b|‖ (and back with cos = 1 − r²/2), for which the same holds approximately.
 * With D̂ = ‖P̂ − Q̂‖, δ = ‖P − Q‖ and e = (P̂ − P) − (Q̂ − Q), the triangle inequality gives |D̂ − δ| ≤ ‖e‖,
 * and ‖e‖ is distributed about as the distance between two samples of these sizes from one population, which
 * is what the permutation null distribution D₀ holds. So, with c the `level` quantile of D₀:
 *   interval = [D̂ − c, D̂ + c], cut at 0 (and at the largest possible distance) — valid whatever δ (conservative when δ is large), and its lower end is
 *   above 0 exactly when the one-sided permutation test rejects at 1 − level (c is the test's critical value);
 *   corrected = √max(0, D̂² − E[D₀²]) — since E‖d + e‖² = ‖d‖² + E‖e‖² for mean-zero noise (exact for squared
 *   Euclidean norms, close for these), it removes the upward bias of the plug-in at δ = 0 and almost none of
 *   it when δ is large, where the plug-in has little bias;
 *   minimumDetectable = √max(0, c² − E[D₀²]): the δ whose expected plug-in reaches c (about 50% power).
 * The plug-in lies inside the interval by construction, and so does the corrected value (corrected ≤ D̂ ≤ D̂ + c,
 * and corrected ≥ D̂ − c whenever c is at least the null's root mean square, as a 95% or higher quantile is for
 * any but a very skewed null; should it not be, the corrected value is raised to the lower end).
 * The critical value is the ⌈level·(N + 1)⌉-th smallest of the N null values (the largest when that is beyond
 * N), the order statistic at which the (1 + #≥)/(1 + N) p-value crosses 1 − level.
 */
export function nullCalibratedDistance(input: NullCalibratedDistanceInput): NullCalibratedDistance | null {
  const { observed, nullValues, isDistance, level, rejected } = input;
  if (!(level > 0 && level < 1)) {
    throw new RealsimError('INTERNAL', `nullCalibratedDistance: expected a level in (0, 1), found ${quoteForMessage(String(level))}`);
  }
  const count = nullValues.length;
  if (count === 0 || !Number.isFinite(observed)) return null;
  const toNorm = (value: number): number => toNormScale(value, isDistance);
  const fromNorm = (norm: number): number => (isDistance ? norm : 1 - (norm * norm) / 2);
  const norms = Float64Array.from(nullValues, toNorm).sort();
  let sumOfSquares = 0;
  for (const norm of norms) sumOfSquares += norm * norm;
  const meanSquare = sumOfSquares / count;
  const rank = Math.min(count, Math.ceil(level * (count + 1)));
  const critical = norms[rank - 1] as number;
  const plugIn = toNorm(observed);
  const lowNorm = rejected ? Math.max(0, plugIn - critical) : 0;
  const corrected = Math.max(lowNorm, Math.sqrt(Math.max(0, plugIn * plugIn - meanSquare)));
  // A cosine's chordal distance is at most 2.
  const highNorm = Math.min(plugIn + critical, isDistance ? (input.largestPossible ?? Number.POSITIVE_INFINITY) : 2);
  const minimumDetectable = Math.sqrt(Math.max(0, critical * critical - meanSquare));
  if (isDistance) return { corrected, low: lowNorm, high: highNorm, minimumDetectable };
  return { corrected: fromNorm(corrected), low: Math.max(-1, fromNorm(highNorm)), high: fromNorm(lowNorm), minimumDetectable: fromNorm(minimumDetectable) };
}
