import type { DimensionDefinition } from '../core/dimension.js';
import type { CorrelationRow, DistanceRow, DistributionRow, LeaderboardRow, SummaryRow } from '../core/report-rows.js';
import type { LlmUsageRow } from '../llm/annotation-usage-ledger.js';
import type { DialogueScoreRow, TwoSampleTestRow } from '../measure/classifier-two-sample-test.js';
import type { RealismExtremeRow } from './select-realism-extremes.js';
import type { TagCoverageRow } from '../measure/find-tag-coverage.js';
import type { GapExampleRow } from '../measure/select-gap-examples.js';
import type { NumericGapExampleRow } from '../measure/select-numeric-gap-examples.js';
import type { NumericHistogramRow } from '../measure/numeric-histograms.js';

/** report.json, schema REPORT_SCHEMA_VERSION. No timestamps: same inputs + seed → same bytes. */
export interface RealismReport {
  schemaVersion: string;
  tool: { name: 'realsim'; version: string };
  seed: number;
  statistics: {
    bootstrapResamples: number;
    confidenceLevel: number;
    noiseFloorSplits: number;
    /** Random relabellings behind each distance's permutation p-value; absent in older reports. */
    permutations?: number;
    smallSampleThreshold: number;
    notes: string[];
  };
  inputs: Array<{
    set: string;
    kind: 'real' | 'simulated';
    format: string;
    dialogues: number;
    userTurns: number;
    domains: string[];
    files: Array<{ path: string; sha256: string; bytes: number }>;
    /** sha256 of the set's dialogues themselves (dialogueContentHash); schema ≥ 1.2. */
    contentSha256?: string;
  }>;
  dimensions: Array<{
    id: string;
    title: string;
    level: string;
    description: string;
    backend: string;
    measures: DimensionDefinition['measures'];
    /** The measure the dimension declares as its headline (leaderboard, heatmap, history); schema ≥ 1.3. */
    headlineMeasure?: string;
  }>;
  comparisons: Array<{ real: string; simulated: string; paired: boolean; pairs: number }>;
  /** Per simulator × real set: overall score with interval, rank with rank interval (LEADERBOARD_RULE); schema ≥ 1.2. */
  leaderboard?: LeaderboardRow[];
  summary: SummaryRow[];
  distributions: DistributionRow[];
  /**
   * Per numeric measure (domain "all"), shared bins and each set's count and share per bin (see
   * HISTOGRAM_BINNING_RULE); absent in reports written before it existed.
   */
  histograms?: NumericHistogramRow[];
  distances: DistanceRow[];
  correlations: CorrelationRow[];
  /**
   * Split-half reliability of each real set's domain profiles (Pearson r between two random halves across
   * domains): the real-vs-real reference for a simulator's across-domain r. `real` = the set, `simulated` =
   * "<set> (other half)".
   */
  domainProfileReliability?: CorrelationRow[];
  /** Classifier two-sample test per comparison (cross-validated AUC); absent in reports written before it existed. */
  twoSampleTests?: TwoSampleTestRow[];
  /** Per comparison, every dialogue the two-sample test scored: its out-of-fold P(real) (schema ≥ 1.3). */
  dialogueScores?: DialogueScoreRow[];
  /** Per comparison, the least and most realistic simulated dialogues (by dialogueScores) with their paired real dialogue and text (schema ≥ 1.3). */
  realismExtremes?: RealismExtremeRow[];
  /** Tags frequent in real users that a simulator rarely produces, and tags it invents (per comparison). */
  coverage?: TagCoverageRow[];
  /** Real and simulated user turns behind the largest categorical gaps of each comparison (text truncated). */
  examples?: GapExampleRow[];
  /** Dialogues behind numeric gaps, over all domains and per domain (NUMERIC_EXAMPLE_RULE); schema ≥ 1.3. */
  numericExamples?: NumericGapExampleRow[];
  /** Present when `evaluate --labels` was given: how far to trust each categorical distance. */
  annotatorValidity?: AnnotatorValidityRow[];
  /**
   * Present when an llm backend annotated: tokens per dimension behind the annotations (from the cache
   * or fresh alike), so the same with or without faults or a warm cache. Cache hit/miss counts differ
   * between cold and warm runs and are printed on stderr, not stored here.
   */
  llmUsage?: LlmUsageRow[];
  warnings: string[];
}

/** Agreement of one dimension's annotator with hand labels on the labelled real turns. */
export interface AnnotatorValidityRow {
  dimension: string;
  backend: string;
  labels: string;
  /** Unit of every score: user turns matched between labels and dialogues. */
  matchedTurns: number;
  microF1: number;
  macroF1: number;
  majorityBaselineMicroF1: number;
  majorityBaselineMacroF1: number;
  anyDisclosureF1: number | null;
  labelledAllNeutralPercent: number | null;
  predictedAllNeutralPercent: number | null;
}
