import type { DimensionDefinition } from '../core/dimension.js';
import type { CorrelationRow, DistanceRow, DistributionRow, SummaryRow } from '../core/report-rows.js';

/** report.json, schema REPORT_SCHEMA_VERSION. No timestamps: same inputs + seed → same bytes. */
export interface RealismReport {
  schemaVersion: string;
  tool: { name: 'realsim'; version: string };
  seed: number;
  statistics: {
    bootstrapResamples: number;
    confidenceLevel: number;
    noiseFloorSplits: number;
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
  }>;
  dimensions: Array<{
    id: string;
    title: string;
    level: string;
    description: string;
    backend: string;
    measures: DimensionDefinition['measures'];
  }>;
  comparisons: Array<{ real: string; simulated: string; paired: boolean; pairs: number }>;
  summary: SummaryRow[];
  distributions: DistributionRow[];
  distances: DistanceRow[];
  correlations: CorrelationRow[];
  /** Present when `evaluate --labels` was given: how far to trust each categorical distance. */
  annotatorValidity?: AnnotatorValidityRow[];
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
