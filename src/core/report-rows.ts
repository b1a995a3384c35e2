/**
 * The tidy tables of report.json. Other tools and the regression check (`realsim compare`) read these,
 * so field names are part of the versioned schema (REPORT_SCHEMA_VERSION).
 */
export const REPORT_SCHEMA_VERSION = '1.1.0';

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
  value: number | null;
  ciLow: number | null;
  ciHigh: number | null;
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
