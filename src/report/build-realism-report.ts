import type { DialogueSet } from '../core/dialogue.js';
import { dialogueContentHash } from './dialogue-content-hash.js';
import type { DimensionDefinition } from '../core/dimension.js';
import { REPORT_SCHEMA_VERSION } from '../core/report-rows.js';
import type { CorrelationRow, DistanceRow, DistributionRow, SummaryRow } from '../core/report-rows.js';
import { pairByScenario } from '../measure/pair-by-scenario.js';
import type { MeasuredSet } from '../measure/measured-set.js';
import { summarizeSet } from '../measure/summarize-set.js';
import { compareSetsWithCorrelations } from '../measure/compare-sets.js';
import { splitHalfDomainReliability } from '../measure/split-half-domain-reliability.js';
import { classifierTwoSampleTestWithScores, type DialogueScoreRow, type TwoSampleTestRow } from '../measure/classifier-two-sample-test.js';
import { selectRealismExtremes } from './select-realism-extremes.js';
import { findTagCoverage, type TagCoverageRow } from '../measure/find-tag-coverage.js';
import { selectGapExamples } from '../measure/select-gap-examples.js';
import { NUMERIC_EXAMPLE_RULE, selectNumericGapExamples } from '../measure/select-numeric-gap-examples.js';
import { HISTOGRAM_BINNING_RULE, numericHistograms, type NumericHistogramRow } from '../measure/numeric-histograms.js';
import type { RealismReport } from './realism-report.js';
import type { ResampledDistance } from '../measure/resampled-distance.js';
import { buildLeaderboard } from './build-leaderboard.js';
import { headlineMeasures } from './html-leaderboard.js';

export interface Comparison {
  real: string;
  simulated: string;
  paired: boolean;
}

export interface BuildRealismReportInput {
  toolVersion: string;
  seed: number;
  resamples: number;
  noiseFloorSplits: number;
  /** Random relabellings per permutation p-value; default `resamples`. */
  permutations?: number;
  sets: DialogueSet[];
  measuredSets: MeasuredSet[];
  definitions: DimensionDefinition[];
  backends: Record<string, string>;
  comparisons: Comparison[];
}

export { SMALL_SAMPLE_DIALOGUES as SMALL_SAMPLE_THRESHOLD } from '../measure/compare-sets.js';
import { SMALL_SAMPLE_DIALOGUES } from '../measure/compare-sets.js';

/**
 * When the paired distance rows do not describe the same dialogues as the summary rows (some dialogues
 * left out, or repeated in several many-to-one pairs), says how they differ; undefined when they agree.
 */
function describePairedSample(real: MeasuredSet, simulated: MeasuredSet): string | undefined {
  const pairing = pairByScenario(real.dialogues, simulated.dialogues);
  const pairedReal = new Set(pairing.pairs.map((pair) => pair.real)).size;
  const pairedSimulated = new Set(pairing.pairs.map((pair) => pair.simulated)).size;
  const pairs = pairing.pairs.length;
  if (pairedReal === real.dialogues.length && pairedSimulated === simulated.dialogues.length && pairs === pairedReal && pairs === pairedSimulated) return undefined;
  return `the paired distance rows use ${pairs} pairs holding ${pairedReal} of ${real.dialogues.length} real and ${pairedSimulated} of ${simulated.dialogues.length} simulated dialogues; the summary rows count every dialogue of each set once`;
}

/** Scenarios found in both sets: what a paired comparison is "paired on" (each may hold several pairs). */
function countPairs(real: MeasuredSet, simulated: MeasuredSet): number {
  const realScenarios = new Set(real.dialogues.map((dialogue) => dialogue.scenarioId).filter((id) => id !== undefined));
  return new Set(simulated.dialogues.map((dialogue) => dialogue.scenarioId).filter((id) => id !== undefined && realScenarios.has(id))).size;
}

/**
 * Numeric histograms with bins shared by the sets that are compared with each other (a real set and its
 * simulators), so a large real-only set elsewhere in the report does not stretch their bins; sets in no
 * comparison get bins of their own.
 */
function histogramsByComparisonGroup(
  sets: MeasuredSet[],
  comparisons: Comparison[],
  definitions: DimensionDefinition[],
): NumericHistogramRow[] {
  const groupOf = new Map<string, number>(sets.map((set, index) => [set.name, index]));
  // every member of a group carries the group's number, so a merge relabels all of the merged group
  const find = (name: string): number => groupOf.get(name) ?? -1;
  for (const comparison of comparisons) {
    const a = find(comparison.real);
    const b = find(comparison.simulated);
    if (a === -1 || b === -1 || a === b) continue;
    const [keep, merge] = a < b ? [a, b] : [b, a];
    for (const [name, group] of groupOf) if (group === merge) groupOf.set(name, keep);
  }
  const groups = new Map<number, MeasuredSet[]>();
  for (const set of sets) {
    const group = groupOf.get(set.name) ?? 0;
    groups.set(group, [...(groups.get(group) ?? []), set]);
  }
  return [...groups.keys()].sort((x, y) => x - y).flatMap((group) => numericHistograms(groups.get(group) ?? [], definitions));
}

/**
 * `work` run on the first call only: parts of the report that run on the first comparison's thread while
 * its worker resamples, or after the comparisons when there is none.
 */
function once(work: () => void): () => void {
  let done = false;
  return () => {
    if (done) return;
    done = true;
    work();
  };
}

/** Pure: measured sets in, the whole report object out. */
export function buildRealismReport(input: BuildRealismReportInput): RealismReport {
  const measuredByName = new Map(input.measuredSets.map((set) => [set.name, set]));
  const summary: SummaryRow[] = [];
  const distributions: DistributionRow[] = [];
  const histograms: NumericHistogramRow[] = [];
  const computeSummaries = once(() => {
    for (const set of input.measuredSets) {
      const summarized = summarizeSet(set, input.definitions);
      summary.push(...summarized.summary);
      distributions.push(...summarized.distributions);
    }
    histograms.push(...histogramsByComparisonGroup(input.measuredSets, input.comparisons, input.definitions));
  });
  const distances: DistanceRow[] = [];
  const correlations: CorrelationRow[] = [];
  const resampled: ResampledDistance[] = [];
  const comparisons: RealismReport['comparisons'] = [];
  const twoSampleTests: TwoSampleTestRow[] = [];
  const coverage: TagCoverageRow[] = [];
  const dialogueScores: DialogueScoreRow[] = [];
  const warnings: string[] = [];
  const permutations = input.permutations ?? input.resamples;
  // real-vs-real reference for across-domain Pearson r: split-half reliability of every real set with ≥ 3 domains
  const domainProfileReliability: CorrelationRow[] = [];
  const computeReliability = once(() => {
    for (const set of input.measuredSets) {
      if (set.kind !== 'real' || new Set(set.dialogues.map((dialogue) => dialogue.domain)).size < 3) continue;
      domainProfileReliability.push(...splitHalfDomainReliability({ set, definitions: input.definitions, seed: input.seed, resamples: input.resamples }));
    }
  });
  for (const comparison of input.comparisons) {
    const real = measuredByName.get(comparison.real);
    const simulated = measuredByName.get(comparison.simulated);
    if (!real || !simulated) continue;
    const pairs = countPairs(real, simulated);
    const paired = comparison.paired && pairs > 0;
    comparisons.push({ real: real.name, simulated: simulated.name, paired, pairs });
    // The across-domain correlations come from the same domain resamples as the distances. The classifier
    // test (and, once, the summaries, histograms and split-half reliability) run on this thread while a
    // worker thread resamples.
    let twoSampleTest: TwoSampleTestRow | undefined;
    const compared = compareSetsWithCorrelations({
      real,
      simulated,
      definitions: input.definitions,
      seed: input.seed,
      resamples: input.resamples,
      noiseFloorSplits: input.noiseFloorSplits,
      permutations,
      paired,
      alongside: () => {
        computeSummaries();
        const tested = classifierTwoSampleTestWithScores({ real, simulated, definitions: input.definitions, seed: input.seed, paired, resamples: input.resamples });
        twoSampleTest = tested.row;
        dialogueScores.push(...tested.dialogueScores);
        computeReliability();
      },
    });
    distances.push(...compared.distances);
    resampled.push(...compared.resampled);
    twoSampleTests.push(twoSampleTest as TwoSampleTestRow);
    coverage.push(...findTagCoverage({ distributions, real: real.name, simulated: simulated.name }));
    correlations.push(...compared.correlations);
    if (comparison.paired && pairs === 0) {
      warnings.push(`${simulated.name} vs ${real.name}: no shared scenario ids, so the comparison is unpaired`);
    }
    const sampleNote = paired ? describePairedSample(real, simulated) : undefined;
    if (sampleNote !== undefined) warnings.push(`${simulated.name} vs ${real.name}: ${sampleNote}`);
  }
  computeSummaries();
  computeReliability();
  const dimensions = input.definitions.map((definition) => ({
    id: definition.id,
    title: definition.title,
    level: definition.level,
    description: definition.description,
    backend: input.backends[definition.id] ?? 'unknown',
    measures: definition.measures,
    ...(definition.headlineMeasure === undefined ? {} : { headlineMeasure: definition.headlineMeasure }),
  }));
  const headlines = headlineMeasures({ dimensions, distances }).map(({ dimension, measure }) => `${dimension}.${measure}`);
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    tool: { name: 'realsim', version: input.toolVersion },
    seed: input.seed,
    statistics: {
      bootstrapResamples: input.resamples,
      confidenceLevel: 0.95,
      noiseFloorSplits: input.noiseFloorSplits,
      permutations,
      smallSampleThreshold: SMALL_SAMPLE_DIALOGUES,
      notes: [
        'Distance rows: "distance" is the plug-in value, which is biased upward (two samples of one population are not at distance 0). "corrected" = √max(0, distance² − E[D₀²]), D₀ the distance between two samples of these sizes from one population (the permutation relabellings); for cosine the same on √(2(1 − cosine)).',
        'Distance intervals: distance ± c, cut at 0, with c the null distribution\'s quantile at the interval level (TVD and Wasserstein-1 are norms, so |distance − true distance| ≤ the norm of the two samples\' errors, which is distributed about as D₀). The level is false-coverage adjusted: 1 − max(R, 1)·0.05/m over the m rows of a comparison, R of them with q ≤ 0.05 (at least 95%). Both distance and corrected lie inside.',
        'Verdict: "gap" exactly when q ≤ 0.05 (Benjamini–Hochberg over the rows of a comparison); the interval then leaves out 0 (cosine: 1), and only then. "min. detectable" = √max(0, c² − E[D₀²]): a true distance of that size is detected about half the time at these sample sizes.',
        'The noise floor is the median distance between two random halves of the real set; halves hold n/2 dialogues, so it slightly overstates the noise of a full-size sample. It is shown as a yardstick; the verdict does not use it.',
        'Other intervals (AUC, correlations) are seeded percentile bootstrap intervals over dialogues (or over scenario pairs when paired).',
        `p-values: seeded permutation test of each distance (${permutations} random relabellings of dialogues as real or simulated, or swaps within scenario pairs when paired; one-sided: a larger distance, or a lower cosine, is more extreme; p = (1 + relabellings at least as extreme) / (1 + relabellings)). q-values: Benjamini–Hochberg over all rows (dimension × measure × domain) of one comparison; q ≤ 0.05 keeps the expected share of false discoveries at or below 5%.`,
        'Dialogue scores: each scored dialogue\'s out-of-fold P(real) from the two-sample test\'s classifier (fitted on the folds without it); realismExtremes = the 10 simulated dialogues with the lowest and, of the rest, the 10 with the highest P(real) per comparison (ties by id), each with the real dialogue of its scenario pair; user turns cut to 2,000 characters and other turns to 500, at most 40 turns.',
        'Two-sample test: logistic regression on standardized per-dialogue features (numeric measures and category shares; embeddings left out), 5-fold cross-validated with seeded folds (pairs kept together when paired); AUC by Mann–Whitney over the out-of-fold scores, interval = percentile bootstrap of dialogues (or pairs) with the scores held fixed. 0.5 = indistinguishable.',
        'Coverage: a tag is "rarely produced" when real users give it ≥ 2% of a measure\'s mass and the simulator under a quarter of that share; "invented" is the mirror case. Shares are over all dialogues of each set.',
        'Examples: for the 3 categorical distances furthest above their noise floor per comparison (over all domains), and in each domain its largest one with verdict "gap", the category with the largest share difference, and up to 2 real and 2 simulated user turns carrying it (seeded draw; text cut to 400 characters).',
        NUMERIC_EXAMPLE_RULE,
        HISTOGRAM_BINNING_RULE,
      ],
    },
    inputs: input.sets.map((set) => ({
      set: set.name,
      kind: set.kind,
      format: set.format,
      dialogues: set.dialogues.length,
      userTurns: set.dialogues.reduce((total, dialogue) => total + dialogue.turns.filter((turn) => turn.role === 'user').length, 0),
      domains: [...new Set(set.dialogues.map((dialogue) => dialogue.domain))].sort(),
      files: set.fingerprints,
      contentSha256: dialogueContentHash(set.dialogues),
    })),
    dimensions,
    comparisons,
    leaderboard: buildLeaderboard(resampled, headlines),
    summary,
    distributions,
    histograms,
    distances,
    correlations,
    domainProfileReliability,
    twoSampleTests,
    dialogueScores,
    realismExtremes: selectRealismExtremes({ dialogueScores, sets: input.sets, comparisons }),
    coverage,
    examples: selectGapExamples({
      comparisons,
      distances,
      distributions,
      sets: input.sets,
      measuredSets: input.measuredSets,
      definitions: input.definitions,
      seed: input.seed,
    }),
    numericExamples: selectNumericGapExamples({ comparisons, distances, sets: input.sets, measuredSets: input.measuredSets }),
    warnings,
  };
}
