import type { DimensionDefinition, MeasureDefinition } from '../core/dimension.js';
import { RealsimError, quoteForMessage } from '../core/realsim-error.js';
import type { CorrelationRow } from '../core/report-rows.js';
import { sampleInArena, weightedCategoryCounts, weightedSampleMean } from './aggregate-sample.js';
import { sortedQuantile } from './bootstrap-interval.js';
import { compareText } from './compare-text.js';
import { deriveSeed } from './derive-seed.js';
import { pluralOf } from './describe-distance.js';
import { groupByDomain } from './group-by-domain.js';
import { buildMeasureSample, categoriesOf, type CategoricalSample, type MeasureSample, type NumericSample } from './measure-sample.js';
import type { MeasuredDialogue, MeasuredSet } from './measured-set.js';
import { selectMeasureSample } from './derive-measure-sample.js';
import { pearsonCorrelation } from './pearson-correlation.js';
import { roundForReport } from './round-for-report.js';
import { KernelArena } from './kernels/resampling-kernels.js';
import { createSeededRandom } from './seeded-random.js';

export interface CorrelateAcrossDomainsInput {
  real: MeasuredSet;
  simulated: MeasuredSet;
  definitions: readonly DimensionDefinition[];
  seed: number;
  /** Bootstrap resamples per row; default 1000. */
  resamples?: number;
}

/** Fewer domains than this: r is reported with a warning that it is unstable. */
export const FEW_DOMAINS = 5;
/** Fewer domains than this: r is null. */
export const MINIMUM_DOMAINS = 3;
/** Domains with fewer dialogues with data than this on a side are counted in a warning. */
const SMALL_DOMAIN_DIALOGUES = 30;

/**
 * Does the simulator follow real users' domain-to-domain variation? For every measure of every dimension
 * annotated in both sets, the per-domain profile (numeric: the mean per dialogue; categorical: the share
 * of each category in percent of the measure's mass, one row per category) is computed for the real and
 * the simulated set over the domains where both sets have data, and Pearson r is taken across those
 * domains (null below 3 domains). The 95% interval is a seeded percentile bootstrap that resamples
 * dialogues within each domain and each set independently (stratified by domain), recomputing the
 * profiles and r; a resample in which a domain has no data for a measure is left out for that measure.
 * All measures share one stream of resamples seeded by (seed, "correlation").
 * Embedding measures have no scalar profile and get no rows. Rows are ordered by dimension id,
 * measure id, then category order.
 */
export function correlateAcrossDomains(input: CorrelateAcrossDomainsInput): CorrelationRow[] {
  const { real, simulated, definitions, seed } = input;
  if (!Number.isSafeInteger(seed)) {
    throw new RealsimError('USAGE', `correlateAcrossDomains: expected an integer seed, found ${quoteForMessage(String(seed))}`);
  }
  const resamples = input.resamples ?? 1000;
  if (!Number.isInteger(resamples) || resamples < 1) {
    throw new RealsimError('USAGE', `correlateAcrossDomains: expected resamples to be an integer ≥ 1, found ${quoteForMessage(String(resamples))}`);
  }
  const realByDomain = groupByDomain(real.dialogues);
  const simulatedByDomain = groupByDomain(simulated.dialogues);
  const sharedDomains = [...realByDomain.keys()].filter((domain) => simulatedByDomain.has(domain));
  const realGroups = sharedDomains.map((domain) => realByDomain.get(domain) ?? []);
  const simulatedGroups = sharedDomains.map((domain) => simulatedByDomain.get(domain) ?? []);
  const positionsOf = (set: MeasuredSet, groups: ReadonlyArray<readonly MeasuredDialogue[]>): Uint32Array[] => {
    const positionOf = new Map(set.dialogues.map((dialogue, position) => [dialogue, position]));
    return groups.map((dialogues) => Uint32Array.from(dialogues, (dialogue) => positionOf.get(dialogue) as number));
  };
  const realPositions = positionsOf(real, realGroups);
  const simulatedPositions = positionsOf(simulated, simulatedGroups);
  const dimensions = definitions
    .filter((definition) => real.backends[definition.id] !== undefined && simulated.backends[definition.id] !== undefined)
    .sort((a, b) => compareText(a.id, b.id));

  // The resampling arrays live in one arena, whose WebAssembly kernels run the inner loops.
  const arena = new KernelArena();
  const inArena = (sample: MeasureSample): NumericSample | CategoricalSample => sampleInArena(scalarSample(sample), arena);
  const plans: CorrelationPlan[] = [];
  for (const dimension of dimensions) {
    const measures = [...dimension.measures].sort((a, b) => compareText(a.id, b.id));
    for (const measure of measures) {
      if (measure.scale === 'embedding') continue;
      const categories =
        measure.scale === 'categorical' ? categoriesOf(dimension.id, measure, [real.dialogues, simulated.dialogues]) : undefined;
      // Annotations are read once per set; the domain samples are derived from those.
      const realSet = buildMeasureSample(real.dialogues, dimension.id, measure, categories);
      const simulatedSet = buildMeasureSample(simulated.dialogues, dimension.id, measure, categories);
      const realSamples = realPositions.map((positions) => inArena(selectMeasureSample(realSet, positions)));
      const simulatedSamples = simulatedPositions.map((positions) => inArena(selectMeasureSample(simulatedSet, positions)));
      const usable = sharedDomains
        .map((_, domain) => domain)
        .filter((domain) => (realSamples[domain]?.contributing ?? 0) > 0 && (simulatedSamples[domain]?.contributing ?? 0) > 0);
      plans.push(createPlan(dimension.id, measure, categories ?? [], realSamples, simulatedSamples, usable, arena));
    }
  }

  // One stream for the whole comparison: each resample redraws every shared domain's dialogues once (real
  // and simulated independently) and every measure is profiled on that same resample.
  if (plans.some((plan) => plan.point.some((r) => r !== null))) {
    const random = createSeededRandom(deriveSeed(seed, 'correlation'));
    const realWeights = realGroups.map((dialogues) => arena.uint32Array(dialogues.length));
    const simulatedWeights = simulatedGroups.map((dialogues) => arena.uint32Array(dialogues.length));
    const allWeights = [...realWeights, ...simulatedWeights];
    for (let resample = 0; resample < resamples; resample += 1) {
      for (const weights of allWeights) random.stream.state = arena.drawBootstrapWeights(weights, random.stream.state);
      for (const plan of plans) plan.addResample(realWeights, simulatedWeights);
    }
  }

  const rows: CorrelationRow[] = [];
  for (const plan of plans) {
    const realBackend = real.backends[plan.dimensionId] as string;
    const simulatedBackend = simulated.backends[plan.dimensionId] as string;
    const backend = realBackend === simulatedBackend ? realBackend : `${realBackend} vs ${simulatedBackend}`;
    plan.labels.forEach((label, column) => {
      const r = plan.point[column] ?? null;
      const draws = Float64Array.from(plan.draws[column] ?? []).sort();
      const withInterval = r !== null && draws.length > 0;
      rows.push({
        dimension: plan.dimensionId,
        measure: plan.measureId,
        category: label.category,
        profile: label.profile,
        backend,
        real: real.name,
        simulated: simulated.name,
        domains: plan.usable.length,
        r: roundForReport(r),
        ciLow: withInterval ? roundForReport(sortedQuantile(draws, 0.025)) : null,
        ciHigh: withInterval ? roundForReport(sortedQuantile(draws, 0.975)) : null,
        warnings: correlationWarnings(plan.usable.length, r, plan.smallDomains, realBackend, simulatedBackend),
      });
    });
  }
  return rows;
}

interface CorrelationPlan {
  dimensionId: string;
  measureId: string;
  labels: ProfileLabel[];
  /** Indexes (into the shared domains) of the domains where both sets have data. */
  usable: number[];
  smallDomains: number;
  /** r per profile column on the full data (null below MINIMUM_DOMAINS or for a constant profile). */
  point: Array<number | null>;
  /** Bootstrap r values per profile column. */
  draws: number[][];
  addResample(realWeights: readonly Uint32Array[], simulatedWeights: readonly Uint32Array[]): void;
}

function createPlan(
  dimensionId: string,
  measure: Exclude<MeasureDefinition, { scale: 'embedding' }>,
  categories: readonly string[],
  realSamples: ReadonlyArray<NumericSample | CategoricalSample>,
  simulatedSamples: ReadonlyArray<NumericSample | CategoricalSample>,
  usable: number[],
  arena: KernelArena,
): CorrelationPlan {
  const profiler = createProfiler(measure, categories, arena);
  const columns = profiler.labels.length;
  const realProfile = Array.from({ length: columns }, () => new Array<number>(usable.length).fill(0));
  const simulatedProfile = Array.from({ length: columns }, () => new Array<number>(usable.length).fill(0));
  const scratch = new Float64Array(columns);
  const fill = (realWeights: readonly Uint32Array[] | null, simulatedWeights: readonly Uint32Array[] | null): void => {
    usable.forEach((domain, position) => {
      profiler.profile(realSamples[domain] as NumericSample | CategoricalSample, realWeights?.[domain] ?? null, scratch);
      for (let column = 0; column < columns; column += 1) (realProfile[column] as number[])[position] = scratch[column] as number;
      profiler.profile(simulatedSamples[domain] as NumericSample | CategoricalSample, simulatedWeights?.[domain] ?? null, scratch);
      for (let column = 0; column < columns; column += 1) (simulatedProfile[column] as number[])[position] = scratch[column] as number;
    });
  };
  const correlationOf = (column: number): number | null => {
    const x = realProfile[column] as number[];
    const y = simulatedProfile[column] as number[];
    if (x.some(Number.isNaN) || y.some(Number.isNaN)) return null;
    return pearsonCorrelation(x, y);
  };

  fill(null, null);
  const point = profiler.labels.map((_, column) => (usable.length < MINIMUM_DOMAINS ? null : correlationOf(column)));
  const draws: number[][] = profiler.labels.map(() => []);
  const active = point.some((r) => r !== null);
  return {
    dimensionId,
    measureId: measure.id,
    labels: profiler.labels,
    usable,
    smallDomains: usable.filter(
      (domain) =>
        (realSamples[domain]?.contributing ?? 0) < SMALL_DOMAIN_DIALOGUES ||
        (simulatedSamples[domain]?.contributing ?? 0) < SMALL_DOMAIN_DIALOGUES,
    ).length,
    point,
    draws,
    addResample(realWeights, simulatedWeights) {
      if (!active) return;
      fill(realWeights, simulatedWeights);
      for (let column = 0; column < columns; column += 1) {
        if (point[column] === null) continue;
        const r = correlationOf(column);
        if (r !== null) (draws[column] as number[]).push(r);
      }
    },
  };
}

function scalarSample(sample: MeasureSample): NumericSample | CategoricalSample {
  if (sample.scale === 'embedding') throw new RealsimError('INTERNAL', 'correlateAcrossDomains: expected a numeric or categorical sample, found embedding');
  return sample;
}

function correlationWarnings(
  domains: number,
  r: number | null,
  smallDomains: number,
  realBackend: string,
  simulatedBackend: string,
): string[] {
  const warnings: string[] = [];
  if (domains < MINIMUM_DOMAINS) {
    warnings.push(`needs at least ${MINIMUM_DOMAINS} domains with data in both sets, found ${domains}`);
  } else {
    if (domains < FEW_DOMAINS) warnings.push(`few domains: r over ${domains} domains is unstable`);
    if (r === null) warnings.push('r undefined: the per-domain profile is constant in one set');
  }
  if (smallDomains > 0) {
    warnings.push(`small domains: ${smallDomains} of ${domains} domains have fewer than ${SMALL_DOMAIN_DIALOGUES} dialogues with data in a set`);
  }
  if (realBackend !== simulatedBackend) {
    warnings.push(`backends differ: real annotated by ${realBackend}, simulated by ${simulatedBackend}`);
  }
  return warnings;
}

interface ProfileLabel {
  category: string;
  profile: string;
}

/** Turns one domain's sample (under resampling weights) into one value per profile column. */
interface Profiler {
  labels: ProfileLabel[];
  /** Writes the domain's profile values into `into` (one per label); NaN where undefined. */
  profile(sample: NumericSample | CategoricalSample, weights: Uint32Array | null, into: Float64Array): void;
}

function createProfiler(measure: Exclude<MeasureDefinition, { scale: 'embedding' }>, categories: readonly string[], arena: KernelArena): Profiler {
  // One reusable per-atom buffer per domain sample (the profiler is called once per domain per resample).
  const scratches = new WeakMap<NumericSample | CategoricalSample, Float64Array>();
  const scratchOf = (sample: NumericSample | CategoricalSample): Float64Array => {
    let scratch = scratches.get(sample);
    if (scratch === undefined) {
      scratch = arena.float64Array((sample.scale === 'numeric' ? sample.distinctValues.length : sample.patternCounts.length) + 1);
      scratches.set(sample, scratch);
    }
    return scratch;
  };
  if (measure.scale === 'numeric') {
    return {
      labels: [{ category: '', profile: `per-domain mean ${measure.unit}` }],
      profile(sample, weights, into) {
        into[0] = sample.scale === 'numeric' ? (weightedSampleMean(sample, weights, arena) ?? Number.NaN) : Number.NaN;
      },
    };
  }
  const counts = arena.float64Array(categories.length);
  return {
    labels: categories.map((category) => ({
      category,
      profile: `per-domain share of "${category}" in % of ${pluralOf(measure.unitOfMass)}`,
    })),
    profile(sample, weights, into) {
      const total = sample.scale === 'categorical' ? weightedCategoryCounts(sample, weights, counts, scratchOf(sample), arena) : 0;
      for (let column = 0; column < categories.length; column += 1) {
        into[column] = total === 0 ? Number.NaN : (100 * (counts[column] as number)) / total;
      }
    },
  };
}
