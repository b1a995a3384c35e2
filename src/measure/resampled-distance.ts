/**
 * One distance of domain "all" with its bootstrap resamples, on the norm scale (toNormScale: distances as
 * they are, a centroid cosine as its chordal distance), raw (TVD not × 100): what the leaderboard ranks from.
 */
export interface ResampledDistance {
  real: string;
  simulated: string;
  dimension: string;
  measure: string;
  plugIn: number;
  /** The plug-in on every bootstrap resample, in resample order (NaN where undefined). */
  resampled: Float64Array;
  /** E[D₀²] of the permutation null (what the corrected value subtracts). */
  nullMeanSquare: number;
  /** The real-vs-real noise floor on the same scale; null when there is none. */
  noiseFloor: number | null;
}
