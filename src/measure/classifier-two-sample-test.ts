import type { DimensionDefinition } from '../core/dimension.js';
import { areaUnderCurve, sortedByScore } from './area-under-curve.js';
import { sortedQuantile } from './bootstrap-interval.js';
import { compareText } from './compare-text.js';
import { buildDialogueFeatureMatrix } from './dialogue-feature-matrix.js';
import { deriveSeed } from './derive-seed.js';
import { fitLogisticRegression, predictProbability } from './logistic-regression.js';
import type { MeasuredDialogue, MeasuredSet } from './measured-set.js';
import { pairByScenario } from './pair-by-scenario.js';
import { roundForReport } from './round-for-report.js';
import { createSeededRandom, randomIndex } from './seeded-random.js';

/** One row of report.json's twoSampleTests table: can a classifier tell the two sets apart? */
export interface TwoSampleTestRow {
  real: string;
  simulated: string;
  /** true: folds and resamples keep each scenario pair together (only paired dialogues are used). */
  paired: boolean;
  method: string;
  metric: 'auc';
  unit: string;
  /** The annotators whose outputs are the features, "dimension=backend" joined by "; ". */
  backend: string;
  nReal: number;
  nSimulated: number;
  folds: number;
  /** Feature names: "dimension.measure" (numeric) or "dimension.measure=category" (share of the dialogue's mass). */
  features: string[];
  /** Cross-validated AUC over all out-of-fold scores; null when it could not be computed. */
  auc: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  /** AUC within each test fold. */
  foldAucs: Array<number | null>;
  /** Largest standardized coefficients of a model fitted on all dialogues; positive = more typical of the simulator. */
  topFeatures: Array<{ feature: string; coefficient: number }>;
  warnings: string[];
}

/**
 * One dialogue's out-of-fold realism score (report.json dialogueScores, schema ≥ 1.3): the probability the
 * classifier of the comparison's two-sample test, fitted on the folds that did not hold this dialogue, gives
 * to "real". Real dialogues near 1 and simulated ones near 0 are the ones that are easy to tell apart.
 */
export interface DialogueScoreRow {
  real: string;
  simulated: string;
  /** The set the dialogue belongs to (the comparison's real or simulated set). */
  set: string;
  kind: 'real' | 'simulated';
  dialogueId: string;
  scenarioId: string | null;
  domain: string;
  /** Out-of-fold P(real) in [0, 1]. */
  realism: number;
  /** Paired comparisons: the dialogue on the other side of this dialogue's scenario pair (its first pair). */
  pairedDialogueId: string | null;
}

export interface ClassifierTwoSampleTestInput {
  real: MeasuredSet;
  simulated: MeasuredSet;
  definitions: readonly DimensionDefinition[];
  seed: number;
  paired: boolean;
  /** Cross-validation folds; default 5. */
  folds?: number;
  /** Bootstrap resamples of the out-of-fold scores; default 1000. */
  resamples?: number;
  /** L2 penalty of the logistic regression on standardized features; default 1. */
  ridge?: number;
  /** Larger sets (or pair lists) are cut to a seeded random sample of this many; default 5000. */
  maxDialoguesPerSet?: number;
}

const TOP_FEATURES = 5;
const SMALL_CLASS = 30;

/**
 * Classifier two-sample test (C2ST): if real and simulated dialogues come from the same distribution,
 * no classifier can tell them apart from their annotations and the cross-validated AUC is 0.5; 1 means
 * the simulator's dialogues are perfectly recognisable. Features are buildDialogueFeatureMatrix's
 * (numeric measures + category shares), standardized with the training fold's mean and standard
 * deviation (missing values → the training mean); the model is fitLogisticRegression; folds are
 * seeded, stratified by set (or over scenario pairs when paired). The interval is a seeded percentile
 * bootstrap of the AUC over dialogues (or pairs) with the out-of-fold scores held fixed, so it reflects
 * the evaluation sample, not refitting noise.
 */
export function classifierTwoSampleTest(input: ClassifierTwoSampleTestInput): TwoSampleTestRow {
  return classifierTwoSampleTestWithScores(input).row;
}

/**
 * classifierTwoSampleTest, and the out-of-fold score of every dialogue it scored (real ones first, in the
 * test's order; a real dialogue in several many-to-one pairs once). No scores when the test has no value.
 */
export function classifierTwoSampleTestWithScores(input: ClassifierTwoSampleTestInput): { row: TwoSampleTestRow; dialogueScores: DialogueScoreRow[] } {
  const { real, simulated, seed } = input;
  const requestedFolds = input.folds ?? 5;
  const resamples = input.resamples ?? 1000;
  const ridge = input.ridge ?? 1;
  const definitions = input.definitions
    .filter((definition) => real.backends[definition.id] !== undefined && simulated.backends[definition.id] !== undefined)
    .sort((a, b) => compareText(a.id, b.id));

  let realDialogues: readonly MeasuredDialogue[] = real.dialogues;
  let simulatedDialogues: readonly MeasuredDialogue[] = simulated.dialogues;
  const paired = input.paired;
  if (paired) {
    const pairing = pairByScenario(real.dialogues, simulated.dialogues);
    realDialogues = pairing.pairs.map((pair) => pair.real);
    simulatedDialogues = pairing.pairs.map((pair) => pair.simulated);
  }
  const cap = input.maxDialoguesPerSet ?? 5000;
  const subsampleWarnings: string[] = [];
  if (realDialogues.length > cap || simulatedDialogues.length > cap) {
    const random = createSeededRandom(deriveSeed(seed, 'two-sample-test', 'subsample', real.name, simulated.name));
    subsampleWarnings.push(`subsampled for speed: ${Math.min(cap, realDialogues.length)} of ${realDialogues.length} real and ${Math.min(cap, simulatedDialogues.length)} of ${simulatedDialogues.length} simulated dialogues`);
    if (paired) {
      const kept = seededSubsample(realDialogues.length, cap, random);
      realDialogues = kept.map((index) => realDialogues[index] as MeasuredDialogue);
      simulatedDialogues = kept.map((index) => simulatedDialogues[index] as MeasuredDialogue);
    } else {
      const realKept = seededSubsample(realDialogues.length, cap, random);
      const simulatedKept = seededSubsample(simulatedDialogues.length, cap, random);
      realDialogues = realKept.map((index) => realDialogues[index] as MeasuredDialogue);
      simulatedDialogues = simulatedKept.map((index) => simulatedDialogues[index] as MeasuredDialogue);
    }
  }
  const dialogues = [...realDialogues, ...simulatedDialogues];
  const labels = Uint8Array.from(dialogues, (_dialogue, index) => (index < realDialogues.length ? 0 : 1));
  const matrix = buildDialogueFeatureMatrix(dialogues, definitions);
  const row: TwoSampleTestRow = {
    real: real.name,
    simulated: simulated.name,
    paired,
    method: `classifier two-sample test: logistic regression (L2 penalty ${ridge} on standardized features), ${requestedFolds}-fold cross-validation, seeded folds`,
    metric: 'auc',
    unit: 'cross-validated ROC AUC of telling simulated from real dialogues (0.5 = indistinguishable, 1 = perfectly separable)',
    backend: definitions.map((definition) => `${definition.id}=${real.backends[definition.id] as string}`).join('; '),
    nReal: realDialogues.length,
    nSimulated: simulatedDialogues.length,
    folds: 0,
    features: matrix.names,
    auc: null,
    ciLow: null,
    ciHigh: null,
    foldAucs: [],
    topFeatures: [],
    warnings: subsampleWarnings,
  };
  const clusters = paired ? scenarioClustersWhenRepeated(realDialogues) : undefined;
  const scenarioCount = clusters === undefined ? Number.POSITIVE_INFINITY : new Set(clusters).size;
  const folds = Math.min(requestedFolds, realDialogues.length, simulatedDialogues.length, scenarioCount);
  if (matrix.names.length === 0) {
    row.warnings.push('no value: no numeric or categorical measure annotated in both sets');
    return { row, dialogueScores: [] };
  }
  if (folds < 2) {
    row.warnings.push(`no value: needs at least 2 dialogues per set, found ${realDialogues.length} real and ${simulatedDialogues.length} simulated`);
    return { row, dialogueScores: [] };
  }
  row.folds = folds;
  if (realDialogues.length < SMALL_CLASS) row.warnings.push(`small sample: ${realDialogues.length} real dialogues`);
  if (simulatedDialogues.length < SMALL_CLASS) row.warnings.push(`small sample: ${simulatedDialogues.length} simulated dialogues`);

  const foldOf = assignFolds(realDialogues.length, simulatedDialogues.length, folds, paired, createSeededRandom(deriveSeed(seed, 'two-sample-test', 'folds', real.name, simulated.name)), clusters);
  const scores = new Float64Array(dialogues.length);
  for (let fold = 0; fold < folds; fold += 1) {
    const training: number[] = [];
    const testing: number[] = [];
    foldOf.forEach((assigned, index) => (assigned === fold ? testing : training).push(index));
    const scaler = fitStandardizer(training.map((index) => matrix.rows[index] as Float64Array));
    const model = fitLogisticRegression(
      training.map((index) => scaler(matrix.rows[index] as Float64Array)),
      training.map((index) => labels[index] as number),
      { ridge },
    );
    for (const index of testing) scores[index] = predictProbability(model, scaler(matrix.rows[index] as Float64Array));
    const foldScores = testing.map((index) => scores[index] as number);
    row.foldAucs.push(roundForReport(areaUnderCurve(foldScores, testing.map((index) => labels[index] as number))));
  }
  row.auc = roundForReport(areaUnderCurve(scores, labels));
  const interval = bootstrapAuc(scores, labels, realDialogues.length, paired, resamples, createSeededRandom(deriveSeed(seed, 'two-sample-test', 'bootstrap', real.name, simulated.name)));
  row.ciLow = roundForReport(interval.low);
  row.ciHigh = roundForReport(interval.high);

  const allRows = [...matrix.rows];
  const scaler = fitStandardizer(allRows);
  const fullModel = fitLogisticRegression(allRows.map(scaler), labels, { ridge });
  row.topFeatures = matrix.names
    .map((feature, index) => ({ feature, coefficient: fullModel.weights[index] as number }))
    .filter((entry) => entry.coefficient !== 0)
    .sort((a, b) => Math.abs(b.coefficient) - Math.abs(a.coefficient) || compareText(a.feature, b.feature))
    .slice(0, TOP_FEATURES)
    .map((entry) => ({ feature: entry.feature, coefficient: roundForReport(entry.coefficient, 3) as number }));
  return { row, dialogueScores: outOfFoldDialogueScores({ real: real.name, simulated: simulated.name, dialogues, realCount: realDialogues.length, paired, scores }) };
}

/** The scores as rows: P(real) = 1 − the model's P(simulated); paired rows name the other member of their pair. */
function outOfFoldDialogueScores(input: {
  real: string;
  simulated: string;
  dialogues: readonly MeasuredDialogue[];
  realCount: number;
  paired: boolean;
  scores: Float64Array;
}): DialogueScoreRow[] {
  const { dialogues, realCount } = input;
  const seen = new Set<string>();
  const rows: DialogueScoreRow[] = [];
  dialogues.forEach((dialogue, index) => {
    const isReal = index < realCount;
    const key = `${isReal ? 'real' : 'simulated'}\u0000${dialogue.id}`;
    if (seen.has(key)) return;
    seen.add(key);
    const twin = input.paired ? dialogues[isReal ? index + realCount : index - realCount] : undefined;
    rows.push({
      real: input.real,
      simulated: input.simulated,
      set: isReal ? input.real : input.simulated,
      kind: isReal ? 'real' : 'simulated',
      dialogueId: dialogue.id,
      scenarioId: dialogue.scenarioId ?? null,
      domain: dialogue.domain,
      realism: roundForReport(1 - (input.scores[index] as number)) as number,
      pairedDialogueId: twin?.id ?? null,
    });
  });
  return rows;
}

/** `count` distinct indices below `size` (all of them when size ≤ count), in ascending order. */
function seededSubsample(size: number, count: number, random: () => number): number[] {
  if (size <= count) return Array.from({ length: size }, (_, index) => index);
  const order = Uint32Array.from({ length: size }, (_, index) => index);
  for (let index = 0; index < count; index += 1) {
    const pick = index + randomIndex(random, size - index);
    const kept = order[index] as number;
    order[index] = order[pick] as number;
    order[pick] = kept;
  }
  return [...order.subarray(0, count)].sort((a, b) => a - b);
}

/**
 * Paired, when some scenario holds several pairs (many-to-one pairing): the scenario number of each pair,
 * so its pairs, which share a dialogue, are dealt into one fold. Undefined when every pair has its own scenario.
 */
function scenarioClustersWhenRepeated(realOfPair: readonly MeasuredDialogue[]): Uint32Array | undefined {
  const numberOf = new Map<string, number>();
  const clusters = Uint32Array.from(realOfPair, (dialogue) => {
    const key = dialogue.scenarioId ?? dialogue.id;
    if (!numberOf.has(key)) numberOf.set(key, numberOf.size);
    return numberOf.get(key) as number;
  });
  return numberOf.size < realOfPair.length ? clusters : undefined;
}

/**
 * Fold of every dialogue (real ones first, then simulated). Unpaired: each set is shuffled on its own
 * and dealt round-robin, so every fold holds both sets in proportion. Paired: the pairs are shuffled and
 * dealt, and both members of a pair share a fold (a scenario never sits on both sides of a split); with
 * `clusters`, the scenarios are shuffled and dealt, and every pair of a scenario takes its fold.
 */
function assignFolds(realCount: number, simulatedCount: number, folds: number, paired: boolean, random: () => number, clusters?: Uint32Array): Uint32Array {
  const foldOf = new Uint32Array(realCount + simulatedCount);
  const deal = (count: number, offset: number, twinOffset: number | null) => {
    const order = Uint32Array.from({ length: count }, (_, index) => index);
    for (let index = count - 1; index > 0; index -= 1) {
      const swapWith = randomIndex(random, index + 1);
      const kept = order[index] as number;
      order[index] = order[swapWith] as number;
      order[swapWith] = kept;
    }
    order.forEach((unit, position) => {
      foldOf[offset + unit] = position % folds;
      if (twinOffset !== null) foldOf[twinOffset + unit] = position % folds;
    });
  };
  if (paired && clusters !== undefined) {
    // deal the scenarios as units, then give each pair (both members) its scenario's fold
    const clusterFold = assignFolds(clusters.reduce((most, cluster) => Math.max(most, cluster + 1), 0), 0, folds, false, random);
    clusters.forEach((cluster, unit) => {
      foldOf[unit] = clusterFold[cluster] as number;
      foldOf[realCount + unit] = clusterFold[cluster] as number;
    });
  } else if (paired) {
    deal(realCount, 0, realCount);
  } else {
    deal(realCount, 0, null);
    deal(simulatedCount, realCount, null);
  }
  return foldOf;
}

/**
 * z-scores with the given rows' column means and standard deviations (population); a missing (NaN)
 * value becomes 0 (= the mean), and a constant column becomes 0 everywhere.
 */
function fitStandardizer(rows: readonly Float64Array[]): (row: Float64Array) => Float64Array {
  const width = rows[0]?.length ?? 0;
  const means = new Float64Array(width);
  const scales = new Float64Array(width);
  for (let column = 0; column < width; column += 1) {
    let sum = 0;
    let count = 0;
    for (const row of rows) {
      const value = row[column] as number;
      if (Number.isNaN(value)) continue;
      sum += value;
      count += 1;
    }
    const mean = count === 0 ? 0 : sum / count;
    let squares = 0;
    for (const row of rows) {
      const value = row[column] as number;
      if (!Number.isNaN(value)) squares += (value - mean) ** 2;
    }
    const deviation = count === 0 ? 0 : Math.sqrt(squares / count);
    means[column] = mean;
    scales[column] = deviation > 1e-12 ? 1 / deviation : 0;
  }
  return (row) => {
    const standardized = new Float64Array(width);
    for (let column = 0; column < width; column += 1) {
      const value = row[column] as number;
      standardized[column] = Number.isNaN(value) ? 0 : (value - (means[column] as number)) * (scales[column] as number);
    }
    return standardized;
  };
}

/** Percentile 95% bootstrap interval of the AUC with the scores fixed; units are dialogues, or pairs. */
function bootstrapAuc(
  scores: Float64Array,
  labels: Uint8Array,
  realCount: number,
  paired: boolean,
  resamples: number,
  random: () => number,
): { low: number | null; high: number | null } {
  const size = scores.length;
  const simulatedCount = size - realCount;
  const order = sortedByScore(scores);
  const weights = new Uint32Array(size);
  const values: number[] = [];
  for (let resample = 0; resample < resamples; resample += 1) {
    weights.fill(0);
    if (paired) {
      for (let draw = 0; draw < realCount; draw += 1) {
        const pair = randomIndex(random, realCount);
        weights[pair] = (weights[pair] as number) + 1;
        weights[realCount + pair] = (weights[realCount + pair] as number) + 1;
      }
    } else {
      for (let draw = 0; draw < realCount; draw += 1) {
        const unit = randomIndex(random, realCount);
        weights[unit] = (weights[unit] as number) + 1;
      }
      for (let draw = 0; draw < simulatedCount; draw += 1) {
        const unit = realCount + randomIndex(random, simulatedCount);
        weights[unit] = (weights[unit] as number) + 1;
      }
    }
    const value = areaUnderCurve(scores, labels, weights, order);
    if (value !== null) values.push(value);
  }
  if (values.length === 0) return { low: null, high: null };
  const sorted = Float64Array.from(values).sort();
  return { low: sortedQuantile(sorted, 0.025), high: sortedQuantile(sorted, 0.975) };
}
