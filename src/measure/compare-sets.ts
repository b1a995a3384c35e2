import type { DimensionDefinition } from '../core/dimension.js';
import { RealsimError, quoteForMessage } from '../core/realsim-error.js';
import type { CorrelationRow, DistanceRow } from '../core/report-rows.js';
import { MINIMUM_DOMAINS, correlationRows, type DomainProfiles } from './correlate-across-domains.js';
import { weightedSampleMean } from './aggregate-sample.js';
import { compareDomains, compareText } from './compare-text.js';
import { deriveSeed } from './derive-seed.js';
import { describeDistance } from './describe-distance.js';
import { groupByDomain } from './group-by-domain.js';
import { selectMeasureSample } from './derive-measure-sample.js';
import { buildMeasureSample, categoriesOf, type MeasureSample } from './measure-sample.js';
import type { MeasuredDialogue, MeasuredSet } from './measured-set.js';
import { KernelArena } from './kernels/resampling-kernels.js';
import { noiseFloors } from './noise-floor.js';
import { pairByScenario, type ScenarioPair } from './pair-by-scenario.js';
import { roundForReport } from './round-for-report.js';
import { createSampleDistance } from './sample-distance.js';
import { createSeededRandom } from './seeded-random.js';
import { benjaminiHochberg } from './benjamini-hochberg.js';
import { falseCoverageLevel } from './false-coverage-level.js';
import { nullCalibratedDistance } from './null-calibrated-distance.js';
import { toNormScale } from './norm-scale.js';
import type { ResampledDistance } from './resampled-distance.js';
import { resamplePendingGroups, type GroupResamplingJob, type GroupResamplingResult } from './resample-groups.js';

export interface CompareSetsInput {
  real: MeasuredSet;
  simulated: MeasuredSet;
  definitions: readonly DimensionDefinition[];
  /** Run seed; every row derives its own streams from it and its labels (deriveSeed). */
  seed: number;
  /** Bootstrap resamples per row; default 1000. */
  resamples?: number;
  /** Random real/real splits per noise floor; default 21. */
  noiseFloorSplits?: number;
  /** Random relabellings per permutation p-value; default `resamples` (so 1000). */
  permutations?: number;
  /**
   * true: keep only dialogues whose scenarioId occurs in both sets (pairByScenario), use the real
   * dialogue's domain for the pair, and bootstrap over pairs. false: bootstrap each set independently.
   */
  paired: boolean;
  /** 1: resample every group on this thread; n > 1: on n threads; default: one per core (up to 8) when the work is large. */
  threads?: number;
  /**
   * Other work (pure, independent of these rows) that this thread runs once while a worker thread resamples,
   * so that it takes no time of its own: buildRealismReport passes its other statistics.
   */
  alongside?: () => void;
}

/** False discovery rate at which a row's verdict is "gap" (its BH q ≤ this), and so its interval's adjustment. */
export const GAP_FALSE_DISCOVERY_RATE = 0.05;

/** Below this many dialogues with data on a side, a row carries a small-sample warning. */
export const SMALL_SAMPLE_DIALOGUES = 30;

interface ComparisonGroup {
  domain: string;
  real: readonly MeasuredDialogue[];
  simulated: readonly MeasuredDialogue[];
  leftOutReal: number;
  leftOutSimulated: number;
  /** Paired: how many different real / simulated dialogues the pairs hold (fewer than the pairs when a scenario has more dialogues on one side). */
  distinctReal?: number;
  distinctSimulated?: number;
  /** Paired, when some scenario holds several pairs: each pair's scenario number (the bootstrap draws scenarios). */
  clusters?: Uint32Array;
  /** Paired, when a real dialogue is in several pairs: the different real dialogues, for the real-vs-real noise floor. */
  floorReal?: readonly MeasuredDialogue[];
}

/**
 * Distance rows between a real and a simulated set, for domain "all" and every domain present in both
 * sets, for every measure of every dimension annotated in both sets (a backend in both `backends`):
 * - numeric → "wasserstein1" in the measure's unit, plus meanReal / meanSimulated;
 * - categorical → "tvd", reported × 100 (unit names the unit of mass and whether "none" is included);
 * - embedding → "centroid_cosine", the cosine similarity of the two mean vectors (a similarity:
 *   1 = same centroid).
 * Every value has a seeded percentile-bootstrap 95% interval (dialogues resampled per set, or pairs when
 * paired) and a noise floor: the same metric between two random halves of the real dialogues of that
 * row (median over splits; halves are half-size samples, see noiseFloor). All measures of one domain
 * share the same resamples and splits, drawn from streams seeded by (seed, domain) alone, so adding a
 * dimension never changes another row. Every row with a value also has a permutation p-value (pValue:
 * dialogues, or the two members of each pair, are randomly relabelled real/simulated and the same
 * distance recomputed; one-sided: larger distance, or smaller cosine, is more extreme) and a
 * Benjamini–Hochberg q-value over all rows of this comparison (qValue). Rows are ordered by dimension
 * id, measure id, domain ("all" first); numbers are rounded with roundForReport.
 */
export function compareSets(input: CompareSetsInput): DistanceRow[] {
  return compareSetsWithCorrelations(input).distances;
}

/**
 * compareSets, plus the across-domain correlation rows of correlateAcrossDomains computed from the same
 * domain groups and the same bootstrap resamples: each domain group's resample (real and simulated
 * dialogues of that domain redrawn independently, or its pairs when paired) yields both the distance and
 * both sides' domain profile, so the correlation interval needs no resampling of its own. The rows have
 * the fields, order and point values of correlateAcrossDomains over the same groups; the intervals come
 * from these resamples instead of a stream of their own. When paired, the groups are the pairs by the real
 * dialogue's domain, as for the distances.
 */
export function compareSetsWithCorrelations(input: CompareSetsInput): {
  distances: DistanceRow[];
  correlations: CorrelationRow[];
  /** Every "all" row with a value, with its bootstrap resamples (for the leaderboard). */
  resampled: ResampledDistance[];
} {
  const { real, simulated, definitions, seed, paired } = input;
  if (!Number.isSafeInteger(seed)) {
    throw new RealsimError('USAGE', `compareSets: expected an integer seed, found ${quoteForMessage(String(seed))}`);
  }
  const groups = paired ? pairedGroups(real, simulated) : independentGroups(real, simulated);
  const dimensions = definitions
    .filter((definition) => real.backends[definition.id] !== undefined && simulated.backends[definition.id] !== undefined)
    .sort((a, b) => compareText(a.id, b.id));

  const measurePlans = dimensions.flatMap((dimension) =>
    [...dimension.measures]
      .sort((a, b) => compareText(a.id, b.id))
      .map((measure) => ({
        dimension,
        measure,
        description: describeDistance(measure),
        realBackend: real.backends[dimension.id] as string,
        simulatedBackend: simulated.backends[dimension.id] as string,
        categories:
          measure.scale === 'categorical' ? categoriesOf(dimension.id, measure, [real.dialogues, simulated.dialogues]) : undefined,
      }))
      // Each measure's annotations are read once per set; every group's samples are derived from these.
      .map((plan) => ({
        ...plan,
        realSet: buildMeasureSample(real.dialogues, plan.dimension.id, plan.measure, plan.categories),
        simulatedSet: buildMeasureSample(simulated.dialogues, plan.dimension.id, plan.measure, plan.categories),
      })),
  );
  const positionsIn = (set: MeasuredSet): ((dialogues: readonly MeasuredDialogue[]) => Uint32Array | null) => {
    const positionOf = new Map(set.dialogues.map((dialogue, position) => [dialogue, position]));
    return (dialogues) => (dialogues === set.dialogues ? null : Uint32Array.from(dialogues, (dialogue) => positionOf.get(dialogue) as number));
  };
  const realPositions = positionsIn(real);
  const simulatedPositions = positionsIn(simulated);

  // Every measure of a group is evaluated on the same resamples and the same real/real splits, drawn from
  // streams that depend only on the seed and the domain (see resampleGroup), so the groups can be resampled
  // on several threads (resamplePendingGroups) with the same result.
  const domainGroups = groups.filter((group) => group.domain !== 'all').length;
  interface Evaluation {
    plan: (typeof measurePlans)[number];
    realSample: MeasureSample;
    simulatedSample: MeasureSample;
    value: number | null;
  }
  interface PreparedGroup {
    group: ComparisonGroup;
    evaluations: Evaluation[];
    withValue: Evaluation[];
    job: GroupResamplingJob;
    floors: ReturnType<typeof noiseFloors>;
  }
  const prepareGroup = (group: ComparisonGroup): PreparedGroup => {
    const realIndexes = realPositions(group.real);
    const simulatedIndexes = simulatedPositions(group.simulated);
    const evaluations = measurePlans.map((plan): Evaluation => {
      const realSample = realIndexes === null ? plan.realSet : selectMeasureSample(plan.realSet, realIndexes);
      const simulatedSample = simulatedIndexes === null ? plan.simulatedSet : selectMeasureSample(plan.simulatedSet, simulatedIndexes);
      return {
        plan,
        realSample,
        simulatedSample,
        value: createSampleDistance(realSample, simulatedSample)(null, null),
      };
    });
    const withValue = evaluations.filter((evaluation) => evaluation.value !== null);
    const job: GroupResamplingJob = {
      keepProfiles: group.domain !== 'all' && domainGroups >= MINIMUM_DOMAINS,
      keepValues: group.domain === 'all',
      seed,
      domain: group.domain,
      sizeA: group.real.length,
      sizeB: group.simulated.length,
      paired,
      ...(group.clusters === undefined ? {} : { clusters: group.clusters }),
      resamples: input.resamples ?? 1000,
      permutations: input.permutations ?? input.resamples ?? 1000,
      statistics: withValue.map((evaluation) => ({
        real: evaluation.realSample,
        simulated: evaluation.simulatedSample,
        tail: evaluation.plan.description.isDistance ? 'larger' : 'smaller',
      })),
    };
    return { group, evaluations, withValue, job, floors: [] };
  };
  const computeFloors = ({ group, evaluations }: PreparedGroup): Array<number | null> => {
    const arena = new KernelArena();
    // a real dialogue repeated in several pairs would land in both halves: the floor uses each one once
    const floorIndexes = group.floorReal === undefined ? undefined : realPositions(group.floorReal);
    const floorSample = (evaluation: Evaluation): MeasureSample =>
      floorIndexes === undefined ? evaluation.realSample : floorIndexes === null ? evaluation.plan.realSet : selectMeasureSample(evaluation.plan.realSet, floorIndexes);
    return noiseFloors({
      size: group.floorReal?.length ?? group.real.length,
      distances: evaluations.map((evaluation) => createSampleDistance(floorSample(evaluation), floorSample(evaluation), arena)),
      random: createSeededRandom(deriveSeed(seed, 'noise-floor', group.domain)),
      splits: input.noiseFloorSplits ?? 21,
      arena,
    });
  };
  // Each group is prepared (its samples selected, its value computed) just before it is handed to the
  // resampling threads, so a worker resamples the first groups while this thread prepares the rest; the
  // noise floors are computed after every group is handed over, while the worker resamples.
  const prepared: PreparedGroup[] = new Array(groups.length);
  const resampled = resamplePendingGroups(
    groups.map((group, index) => ({
      units: group.real.length + group.simulated.length,
      prepare: () => {
        prepared[index] = prepareGroup(group);
        return prepared[index].job;
      },
    })),
    input.threads,
    () => {
      for (const entry of prepared) entry.floors = computeFloors(entry);
      input.alongside?.();
    },
  );

  const correlations = measurePlans.flatMap((plan) => {
    const { measure } = plan;
    if (measure.scale === 'embedding') return [];
    const domains: DomainProfiles['domains'] = [];
    prepared.forEach(({ group, evaluations, withValue }, groupIndex) => {
      if (group.domain === 'all') return;
      const evaluation = evaluations.find((candidate) => candidate.plan === plan);
      if (evaluation === undefined || evaluation.realSample.contributing === 0 || evaluation.simulatedSample.contributing === 0) return;
      const { realSample, simulatedSample } = evaluation;
      if (realSample.scale === 'embedding' || simulatedSample.scale === 'embedding') return;
      const statistic = withValue.indexOf(evaluation);
      domains.push({ real: realSample, simulated: simulatedSample, resampled: resampled[groupIndex]?.profiles?.[statistic] ?? null });
    });
    const profiles: DomainProfiles = { dimensionId: plan.dimension.id, measure, categories: plan.categories ?? [], domains };
    return correlationRows(profiles, input.resamples ?? 1000, real, simulated);
  });

  const rows: DistanceRow[] = [];
  const resampledOf = new Map<DistanceRow, Omit<ResampledDistance, 'nullMeanSquare'>>();
  const calibrationOf = new Map<DistanceRow, { observed: number; nullValues: Float64Array; isDistance: boolean; scale: number; largestPossible?: number }>();
  prepared.forEach(({ group, evaluations, withValue, floors }, groupIndex) => {
    const result = resampled[groupIndex] as GroupResamplingResult;
    const pValueOf = new Map(withValue.map((evaluation, index) => [evaluation, result.pValues[index] ?? null]));
    const nullOf = new Map(withValue.map((evaluation, index) => [evaluation, result.nullDistributions[index]]));
    evaluations.forEach((evaluation, index) => {
      const { plan, realSample, simulatedSample } = evaluation;
      const scaled = (raw: number | null): number | null => roundForReport(raw === null ? null : raw * plan.description.scale);
      const { realBackend, simulatedBackend } = plan;
      const row: DistanceRow = {
        dimension: plan.dimension.id,
        measure: plan.measure.id,
        metric: plan.description.metric,
        unit: plan.description.unit,
        backend: realBackend === simulatedBackend ? realBackend : `${realBackend} vs ${simulatedBackend}`,
        real: real.name,
        simulated: simulated.name,
        domain: group.domain,
        value: scaled(evaluation.value),
        corrected: null,
        ciLow: null,
        ciHigh: null,
        intervalLevel: null,
        minimumDetectable: null,
        verdict: 'n/a',
        noiseFloor: scaled(floors[index] ?? null),
        nReal: realSample.contributing,
        nSimulated: simulatedSample.contributing,
        paired,
        meanReal: realSample.scale === 'numeric' ? roundForReport(weightedSampleMean(realSample, null)) : null,
        meanSimulated: simulatedSample.scale === 'numeric' ? roundForReport(weightedSampleMean(simulatedSample, null)) : null,
        pValue: pValueOf.get(evaluation) ?? null,
        qValue: null,
        warnings: [],
      };
      row.warnings = warningsFor(row, group, realBackend, simulatedBackend);
      const nullValues = nullOf.get(evaluation);
      const resampledValues = result.intervals[withValue.indexOf(evaluation)]?.values;
      if (group.domain === 'all' && evaluation.value !== null && resampledValues !== undefined) {
        const { isDistance } = plan.description;
        const floor = floors[index] ?? null;
        resampledOf.set(row, {
          real: real.name,
          simulated: simulated.name,
          dimension: plan.dimension.id,
          measure: plan.measure.id,
          plugIn: toNormScale(evaluation.value, isDistance),
          resampled: resampledValues.map((value) => (Number.isNaN(value) ? Number.NaN : toNormScale(value, isDistance))),
          noiseFloor: floor === null ? null : toNormScale(floor, isDistance),
        });
      }
      if (evaluation.value !== null && nullValues !== undefined) {
        calibrationOf.set(row, {
          observed: evaluation.value,
          nullValues,
          isDistance: plan.description.isDistance,
          scale: plan.description.scale,
          ...(plan.description.metric === 'tvd' ? { largestPossible: 1 } : {}),
        });
      }
      rows.push(row);
    });
  });
  rows.sort((a, b) => compareText(a.dimension, b.dimension) || compareText(a.measure, b.measure) || compareDomains(a.domain, b.domain));
  // One family per comparison: every dimension × measure × domain row with a p-value. p and q are
  // rounded only after the correction, so q is computed from the unrounded p-values.
  const qValues = benjaminiHochberg(rows.map((row) => row.pValue ?? null));
  // One verdict per row: "gap" exactly when its q ≤ GAP_FALSE_DISCOVERY_RATE, and every interval is at the
  // false-coverage-adjusted level that makes its lower end leave out 0 for exactly those rows.
  const level = falseCoverageLevel(qValues, GAP_FALSE_DISCOVERY_RATE);
  rows.forEach((row, index) => {
    const q = qValues[index] ?? null;
    const calibration = calibrationOf.get(row);
    if (calibration !== undefined && q !== null) {
      const rejected = q <= GAP_FALSE_DISCOVERY_RATE;
      const calibrated = nullCalibratedDistance({ ...calibration, level, rejected });
      if (calibrated !== null) {
        const scaled = (raw: number): number | null => roundForReport(raw * calibration.scale);
        row.corrected = scaled(calibrated.corrected);
        row.ciLow = scaled(calibrated.low);
        row.ciHigh = scaled(calibrated.high);
        row.minimumDetectable = scaled(calibrated.minimumDetectable);
        row.intervalLevel = roundForReport(level, 6);
        row.verdict = rejected ? 'gap' : 'no detectable gap';
      }
    }
    row.qValue = roundForReport(q);
    row.pValue = roundForReport(row.pValue ?? null);
  });
  const resampledAll = rows.flatMap((row): ResampledDistance[] => {
    const entry = resampledOf.get(row);
    const calibration = calibrationOf.get(row);
    if (entry === undefined || calibration === undefined || calibration.nullValues.length === 0) return [];
    let sumOfSquares = 0;
    for (const value of calibration.nullValues) sumOfSquares += toNormScale(value, calibration.isDistance) ** 2;
    return [{ ...entry, nullMeanSquare: sumOfSquares / calibration.nullValues.length }];
  });
  return { distances: rows, correlations, resampled: resampledAll };
}

function warningsFor(
  row: DistanceRow,
  group: ComparisonGroup,
  realBackend: string,
  simulatedBackend: string,
): string[] {
  const warnings: string[] = [];
  if (row.value === null) {
    warnings.push(`no value: needs data on both sides, found ${row.nReal} real and ${row.nSimulated} simulated dialogues with data`);
  }
  if (row.nReal < SMALL_SAMPLE_DIALOGUES) warnings.push(`small sample: ${row.nReal} real dialogues`);
  if (row.nSimulated < SMALL_SAMPLE_DIALOGUES) warnings.push(`small sample: ${row.nSimulated} simulated dialogues`);
  if (row.noiseFloor === null && row.value !== null) {
    warnings.push('no noise floor: needs at least 2 real dialogues with data');
  }
  if (realBackend !== simulatedBackend) {
    warnings.push(`backends differ: real annotated by ${realBackend}, simulated by ${simulatedBackend}`);
  }
  if (group.leftOutReal > 0 || group.leftOutSimulated > 0) {
    warnings.push(
      `paired: left out ${group.leftOutReal} real and ${group.leftOutSimulated} simulated dialogues without a matching scenario`,
    );
  }
  const pairs = group.real.length;
  if (group.distinctReal !== undefined && group.distinctSimulated !== undefined && (group.distinctReal < pairs || group.distinctSimulated < pairs)) {
    warnings.push(
      `paired many-to-one: ${pairs} pairs hold ${group.distinctReal} different real and ${group.distinctSimulated} different simulated dialogues (a scenario with several dialogues on one side pairs each with the other side's; intervals resample scenarios); the set summaries count each dialogue once, so their n differs`,
    );
  }
  return warnings;
}

function independentGroups(real: MeasuredSet, simulated: MeasuredSet): ComparisonGroup[] {
  const groups: ComparisonGroup[] = [
    { domain: 'all', real: real.dialogues, simulated: simulated.dialogues, leftOutReal: 0, leftOutSimulated: 0 },
  ];
  const simulatedByDomain = groupByDomain(simulated.dialogues);
  for (const [domain, realDialogues] of groupByDomain(real.dialogues)) {
    const simulatedDialogues = simulatedByDomain.get(domain);
    if (simulatedDialogues === undefined || domain === 'all') continue;
    groups.push({ domain, real: realDialogues, simulated: simulatedDialogues, leftOutReal: 0, leftOutSimulated: 0 });
  }
  return groups.sort((a, b) => compareDomains(a.domain, b.domain));
}

/** What a group of many-to-one pairs needs beyond its pairs: scenario clusters and distinct real dialogues, only when something repeats. */
function manyToOneParts(pairs: readonly ScenarioPair[]): Pick<ComparisonGroup, 'distinctReal' | 'distinctSimulated' | 'clusters' | 'floorReal'> {
  const distinctReal = [...new Set(pairs.map((pair) => pair.real))];
  const distinctSimulated = new Set(pairs.map((pair) => pair.simulated)).size;
  const numberOf = new Map<string, number>();
  const clusters = Uint32Array.from(pairs, (pair) => {
    if (!numberOf.has(pair.scenarioId)) numberOf.set(pair.scenarioId, numberOf.size);
    return numberOf.get(pair.scenarioId) as number;
  });
  return {
    distinctReal: distinctReal.length,
    distinctSimulated,
    ...(numberOf.size < pairs.length ? { clusters } : {}),
    ...(distinctReal.length < pairs.length ? { floorReal: distinctReal } : {}),
  };
}

function pairedGroups(real: MeasuredSet, simulated: MeasuredSet): ComparisonGroup[] {
  const pairing = pairByScenario(real.dialogues, simulated.dialogues);
  const groups: ComparisonGroup[] = [
    {
      domain: 'all',
      real: pairing.pairs.map((pair) => pair.real),
      simulated: pairing.pairs.map((pair) => pair.simulated),
      leftOutReal: pairing.leftOutReal.length,
      leftOutSimulated: pairing.leftOutSimulated.length,
      ...manyToOneParts(pairing.pairs),
    },
  ];
  const countByDomain = (dialogues: readonly MeasuredDialogue[], domain: string): number =>
    dialogues.filter((dialogue) => dialogue.domain === domain).length;
  for (const [domain, pairs] of groupByDomain(pairing.pairs)) {
    if (domain === 'all') continue;
    groups.push({
      domain,
      real: pairs.map((pair) => pair.real),
      simulated: pairs.map((pair) => pair.simulated),
      leftOutReal: countByDomain(pairing.leftOutReal, domain),
      leftOutSimulated: countByDomain(pairing.leftOutSimulated, domain),
      ...manyToOneParts(pairs),
    });
  }
  return groups.sort((a, b) => compareDomains(a.domain, b.domain));
}
