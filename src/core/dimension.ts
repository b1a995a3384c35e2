import type { Dialogue } from './dialogue.js';
import type { AnnotationCache } from '../annotate/annotation-cache.js';
import type { ProgressReporter } from '../cli/progress-reporter.js';
import type { TurnLabelSpec } from '../learn/turn-label-spec.js';

/**
 * A dimension is one folder in dimensions/<id>/ exporting `dimension: DimensionModule` from index.ts.
 * Measures follow their scale, so src/measure never changes for a new dimension.
 */
export type DimensionLevel = 'communicative-function' | 'user-state' | 'surface-form';

export interface NumericMeasureDefinition {
  id: string;
  scale: 'numeric';
  /** Unit of one per-dialogue value, e.g. "words per dialogue". */
  unit: string;
  description: string;
}

export interface CategoricalMeasureDefinition {
  id: string;
  scale: 'categorical';
  /** What one unit of probability mass is: "tag occurrence", "user turn", "sentence", "dialogue". */
  unitOfMass: string;
  categories: string[];
  /** Whether a "none" category is part of the distribution (e.g. identity: over-disclosure is the finding). */
  includesNone: boolean;
  description: string;
}

export interface EmbeddingMeasureDefinition {
  id: string;
  scale: 'embedding';
  /** What one vector stands for, e.g. "knowledge statement". */
  unitOfMass: string;
  description: string;
}

export type MeasureDefinition = NumericMeasureDefinition | CategoricalMeasureDefinition | EmbeddingMeasureDefinition;

export interface DimensionDefinition {
  id: string;
  level: DimensionLevel;
  title: string;
  description: string;
  measures: MeasureDefinition[];
  /**
   * Id of the measure that stands for the dimension in the leaderboard, the heatmap and history (one of
   * `measures`); when absent, the first measure that has a distance row. Every built-in dimension declares it.
   */
  headlineMeasure?: string;
}

/** Per-dialogue output of an annotator. */
export interface DialogueAnnotation {
  dialogueId: string;
  /** One value per numeric measure; null when undefined for this dialogue (e.g. no words at all). */
  numeric: Record<string, number | null>;
  /** Category occurrences per categorical measure: one entry per unit of mass. */
  categorical: Record<string, string[]>;
  /** Vectors per embedding measure. */
  embeddings?: Record<string, number[][]>;
  /** Optional per-user-turn detail (1-based user turn number) for validation and examples. */
  userTurns?: Array<Record<string, unknown>>;
}

export interface AnnotationContext {
  cache: AnnotationCache;
  progress: ProgressReporter;
  /** Free-form options from the CLI / config, e.g. { "emotion.threshold": "0.75" }. */
  options: Record<string, string>;
}

/**
 * How far an annotator's own tag distribution is from labelled turns, per categorical measure: TVD × 100
 * between its predictions and the labels on turns it never learned from. A real-vs-simulated distance
 * smaller than this is within the instrument's error.
 */
export interface AnnotatorDistributionError {
  tvd: number;
  /** Where the figure comes from, e.g. "cross-validated on 6,513 labelled turns". */
  source: string;
}

export interface DimensionAnnotator {
  /** Names the backend and its version, e.g. "harper.js@2.10.0 (plaintext, en-US)"; written into every row. */
  backend: string;
  /** Measured distribution error per categorical measure id, when the backend knows it. */
  distributionError?: Record<string, AnnotatorDistributionError>;
  /**
   * Cross-validated true/false positive rate of each tag of one turn-level measure (each user turn adds
   * at most one occurrence of a tag), for prevalence-corrected shares; when the backend knows them.
   */
  tagRates?: { measure: string; perTag: Record<string, { truePositiveRate: number; falsePositiveRate: number }>; source: string };
  annotate(dialogues: Dialogue[], context: AnnotationContext): Promise<DialogueAnnotation[]>;
  /** Releases resources (WASM instances, workers). */
  dispose?(): Promise<void>;
}

export interface DimensionModule {
  definition: DimensionDefinition;
  /** Backend ids this dimension offers; the first is the default. */
  backends: string[];
  createAnnotator(backend: string, options: Record<string, string>): Promise<DimensionAnnotator>;
  /** Optional model card lines for `realsim models`: where each backend's model comes from and how good it is. */
  describeModels?(): string[];
  /** The `--option` keys this dimension reads (besides llm.* and <dimension>.model), with their meaning. */
  options?: Record<string, string>;
  /** Turn-level dimensions with a trained backend: what `realsim train-annotator` needs to train one. */
  turnLabelSpec?: TurnLabelSpec;
}
