/**
 * The tidy tables of report.json. Other tools and the regression check (`realsim compare`) read these,
 * so field names are part of the versioned schema (REPORT_SCHEMA_VERSION).
 */
export const REPORT_SCHEMA_VERSION = '1.4.0';

/** One row per set × domain × dimension × numeric measure. */
export interface SummaryRow {
  set: string;
  domain: string; // a domain name or "all"
  dimension: string;
  measure: string;
  unit: string;
  backend: string;
  /** Dialogues with a defined value. */
  n: number;
  mean: number | null;
  median: number | null;
}

/** One row per set × domain × dimension × categorical measure × category. */
export interface DistributionRow {
  set: string;
  domain: string;
  dimension: string;
  measure: string;
  category: string;
  /** What one count is ("tag occurrence", "sentence", "dialogue", …). */
  unitOfMass: string;
  backend: string;
  count: number;
  /** count / total count of the measure in that set and domain, in percent. */
  sharePercent: number;
  /**
   * Schema ≥ 1.3, trained turn-level annotators only: count / user turns of that set and domain, in percent
   * (the share of user turns the annotator gave this tag).
   */
  observedTurnPercent?: number;
  /**
   * Schema ≥ 1.3: the prevalence-corrected share of user turns with this tag, a second view next to the raw
   * share: adjusted classify-and-count (observed − FPR) / (TPR − FPR) from the annotator's cross-validated
   * rates, clipped to [0, 100]; null when TPR ≤ FPR. See adjustedClassifyAndCount.
   */
  correctedTurnPercent?: number | null;
}

/** One row per comparison (real set vs simulated set) × domain × dimension × measure. */
export interface DistanceRow {
  dimension: string;
  measure: string;
  /** "tvd" | "wasserstein1" | "centroid_cosine" | "mean_difference" */
  metric: string;
  /** e.g. "TVD × 100 over tag occurrences (none included)" or "words per dialogue". */
  unit: string;
  backend: string;
  real: string;
  simulated: string;
  domain: string;
  /** The plug-in distance of the two samples (biased upward: two samples of one population are not at 0). */
  value: number | null;
  /**
   * Bias-corrected distance (schema ≥ 1.2): √max(0, value² − E[D₀²]), D₀ the distance between two samples of
   * these sizes from one population (the permutation null); for centroid_cosine the same on the chordal
   * distance √(2(1 − cosine)), reported back as a cosine. Same unit as value. See nullCalibratedDistance.
   */
  corrected?: number | null;
  /**
   * Interval for the population distance at intervalLevel (schema ≥ 1.2: value ± the null's critical value,
   * cut at 0; before 1.2: percentile bootstrap of the plug-in, which its bias could leave outside). Holds both
   * value and corrected. Leaves out 0 (cosine: 1) exactly when verdict is "gap".
   */
  ciLow: number | null;
  ciHigh: number | null;
  /**
   * Coverage of [ciLow, ciHigh]: 1 − max(R, 1)·0.05 / m over the m rows of the comparison with a p-value, R of
   * them with q ≤ 0.05 (false-coverage-rate adjusted, so interval and BH verdict agree). Schema ≥ 1.2.
   */
  intervalLevel?: number | null;
  /** Smallest population distance detected about half the time at these sample sizes and this level (cosine: largest similarity). Schema ≥ 1.2. */
  minimumDetectable?: number | null;
  /** "gap" when q ≤ 0.05 (and so ciLow > 0), else "no detectable gap"; "n/a" without a value. Schema ≥ 1.2. */
  verdict?: 'gap' | 'no detectable gap' | 'n/a';
  /** Median distance between two random halves of the real set (same metric and unit). */
  noiseFloor: number | null;
  nReal: number;
  nSimulated: number;
  /** Whether resampling was over scenario pairs (true) or independent per set (false). */
  paired: boolean;
  meanReal: number | null;
  meanSimulated: number | null;
  /**
   * Seeded permutation-test p-value of the distance (real/simulated labels of dialogues shuffled, or
   * swapped within pairs when paired; one-sided). Absent in reports written before it existed.
   */
  pValue?: number | null;
  /** Benjamini–Hochberg adjusted p-value over all rows (dimension × measure × domain) of one comparison. */
  qValue?: number | null;
  /**
   * Categorical rows: TVD × 100 between the annotator's tag distribution and labelled turns it never learned
   * from (same unit as value), and where that was measured. A distance below it is within the instrument's
   * own error. Absent when the backend's error is unknown (e.g. llm without --labels).
   */
  annotatorErrorTvd?: number;
  annotatorErrorSource?: string;
  /**
   * Schema ≥ 1.3: present when the dimension's annotator is not above its majority baseline on a validated
   * score (hand labels, or the trained model's cross-validation); says which score and where it comes from.
   * The distance may then measure the annotator more than the users.
   */
  annotatorFlag?: string;
  warnings: string[];
}

/** Pearson r across domains of the per-domain profile (mean, or category share). */
export interface CorrelationRow {
  dimension: string;
  measure: string;
  /** For categorical measures the category whose per-domain share is correlated; "" for numeric. */
  category: string;
  /** What is correlated, e.g. "per-domain mean words per dialogue". */
  profile: string;
  backend: string;
  real: string;
  simulated: string;
  domains: number;
  r: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  warnings: string[];
}

/**
 * One row per simulator × real set (schema ≥ 1.2): how close the simulator is to that real set over the headline
 * measures, with bootstrap uncertainty, and the simulators it is closer than where the evidence says so.
 */
export interface LeaderboardRow {
  real: string;
  simulated: string;
  /** The headline measures ("dimension.measure") the score averages: those every simulator of this real set has. */
  measures: string[];
  /**
   * Mean over `measures` of the corrected distance ÷ the real set's real-vs-real noise floor (for cosine both on
   * the chordal scale √(2(1 − cos))). 0 = as close as the real set's halves could tell, 1 = one noise floor away.
   */
  score: number | null;
  /** Basic bootstrap 95% interval of score (resamples reflected as ĉ − (c* − r), r the plug-in), cut at 0. */
  ciLow: number | null;
  ciHigh: number | null;
  /** 1 + the number of simulators closer than this one with probability ≥ 0.975: equal ranks where evidence does not order. */
  rank: number;
  /** 2.5% and 97.5% quantiles of this simulator's rank over the same resamples. */
  rankLow: number;
  rankHigh: number;
  /** Simulators of the same real set this one is closer than, with probability ≥ 0.975. */
  closerThan: string[];
  /** Per other simulator: share of resamples in which this one is closer (overall, and per measure). */
  pairwise: Array<{ simulated: string; probabilityCloser: number; byMeasure: Record<string, number> }>;
}
