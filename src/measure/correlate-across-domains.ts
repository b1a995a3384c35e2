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
import type { ResampledProfiles } from './resample-groups.js';
import { createSeededRandom } from './seeded-random.js';

export interface CorrelateAcrossDomainsInput {
  real: MeasuredSet;
  simulated: MeasuredSet;
  definitions: readonly DimensionDefinition[];
  seed: number;
  /** Bootstrap resamples per row; default 1000. */
  resamples?: number;
  /**
   * A list that holds every dialogue of both sets and nothing else (the whole set when the two sets are its
   * halves): the measures are read from it once and both sets' domain samples selected from it.
   */
  source?: readonly MeasuredDialogue[];
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
 * All measures share one stream of resamples seeded by (seed, "correlation"). A report takes these rows from
 * compareSetsWithCorrelations instead (the same rows, the interval from the distance rows' domain resamples);
 * this function serves the split-half reliability and callers without distances.
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
  // The domain samples are selected from the sample of each set's list, or of `source` when it holds both.
  const { source } = input;
  const realList = source ?? real.dialogues;
  const simulatedList = source ?? simulated.dialogues;
  const positionsOf = (list: readonly MeasuredDialogue[], groups: ReadonlyArray<readonly MeasuredDialogue[]>): Uint32Array[] => {
    const positionOf = new Map(list.map((dialogue, position) => [dialogue, position]));
    return groups.map((dialogues) =>
      Uint32Array.from(dialogues, (dialogue) => {
        const position = positionOf.get(dialogue);
        if (position === undefined) throw new RealsimError('INTERNAL', `correlateAcrossDomains: dialogue ${quoteForMessage(dialogue.id)} is not in the source list`);
        return position;
      }),
    );
  };
  const realPositions = positionsOf(realList, realGroups);
  const simulatedPositions = positionsOf(simulatedList, simulatedGroups);
  const dimensions = definitions
    .filter((definition) => real.backends[definition.id] !== undefined && simulated.backends[definition.id] !== undefined)
    .sort((a, b) => compareText(a.id, b.id));

  // The resampling arrays live in one arena, whose WebAssembly kernels run the inner loops.
  const arena = new KernelArena();
  const inArena = (sample: MeasureSample): NumericSample | CategoricalSample => sampleInArena(scalarSample(sample), arena);
  const plans: Array<{ profiles: DomainProfiles; profiler: Profiler; weightsOf: number[] }> = [];
  for (const dimension of dimensions) {
    const measures = [...dimension.measures].sort((a, b) => compareText(a.id, b.id));
    for (const measure of measures) {
      if (measure.scale === 'embedding') continue;
      const categories =
        measure.scale === 'categorical' ? categoriesOf(dimension.id, measure, source === undefined ? [real.dialogues, simulated.dialogues] : [source]) : [];
      // Annotations are read once per list; the domain samples are derived from those.
      const realSet = buildMeasureSample(realList, dimension.id, measure, categories);
      const simulatedSet = buildMeasureSample(simulatedList, dimension.id, measure, categories);
      const realSamples = realPositions.map((positions) => inArena(selectMeasureSample(realSet, positions)));
      const simulatedSamples = simulatedPositions.map((positions) => inArena(selectMeasureSample(simulatedSet, positions)));
      const usable = sharedDomains
        .map((_, domain) => domain)
        .filter((domain) => (realSamples[domain]?.contributing ?? 0) > 0 && (simulatedSamples[domain]?.contributing ?? 0) > 0);
      const profiles: DomainProfiles = {
        dimensionId: dimension.id,
        measure,
        categories,
        domains: usable.map((domain) => ({
          real: realSamples[domain] as NumericSample | CategoricalSample,
          simulated: simulatedSamples[domain] as NumericSample | CategoricalSample,
          resampled: null,
        })),
      };
      plans.push({ profiles, profiler: createProfiler(measure, categories, arena), weightsOf: usable });
    }
  }

  // One stream for the whole comparison: each resample redraws every shared domain's dialogues once (real
  // and simulated independently) and every measure is profiled on that same resample.
  const active = plans.filter((plan) => pointCorrelations(plan.profiles).some((r) => r !== null));
  if (active.length > 0) {
    for (const { profiles, profiler } of active) {
      const length = profiler.labels.length;
      for (const domain of profiles.domains) {
        domain.resampled = { real: new Float64Array(resamples * length), simulated: new Float64Array(resamples * length) };
      }
    }
    const random = createSeededRandom(deriveSeed(seed, 'correlation'));
    const realWeights = realGroups.map((dialogues) => arena.uint32Array(dialogues.length));
    const simulatedWeights = simulatedGroups.map((dialogues) => arena.uint32Array(dialogues.length));
    const allWeights = [...realWeights, ...simulatedWeights];
    const scratch = new Float64Array(Math.max(1, ...active.map((plan) => plan.profiler.labels.length)));
    for (let resample = 0; resample < resamples; resample += 1) {
      for (const weights of allWeights) random.stream.state = arena.drawBootstrapWeights(weights, random.stream.state);
      for (const { profiles, profiler, weightsOf } of active) {
        const length = profiler.labels.length;
        profiles.domains.forEach((domain, position) => {
          const resampled = domain.resampled as ResampledProfiles;
          const weightsIndex = weightsOf[position] as number;
          profiler.profile(domain.real, realWeights[weightsIndex] as Uint32Array, scratch);
          resampled.real.set(scratch.subarray(0, length), resample * length);
          profiler.profile(domain.simulated, simulatedWeights[weightsIndex] as Uint32Array, scratch);
          resampled.simulated.set(scratch.subarray(0, length), resample * length);
        });
      }
    }
  }
  return plans.flatMap((plan) => correlationRows(plan.profiles, resamples, real, simulated));
}

/**
 * One measure's per-domain profiles between a real and a simulated set: for every domain where both sets
 * have data for the measure (in domain order), both samples and, when resampled, both sides' profile on
 * every bootstrap resample (resamples × profile columns, resample after resample; NaN where a side had no
 * data on that resample). The profile columns: numeric → the mean; categorical → each category's share in %.
 */
export interface DomainProfiles {
  dimensionId: string;
  measure: Exclude<MeasureDefinition, { scale: 'embedding' }>;
  /** The categories of a categorical measure (categoriesOf over both sets); [] for numeric measures. */
  categories: readonly string[];
  domains: Array<{
    real: NumericSample | CategoricalSample;
    simulated: NumericSample | CategoricalSample;
    resampled: ResampledProfiles | null;
  }>;
}

/** Pearson r across domains per profile column on the unresampled samples (null below MINIMUM_DOMAINS or for a constant profile). */
function pointCorrelations(profiles: DomainProfiles): Array<number | null> {
  const profiler = createProfiler(profiles.measure, profiles.categories);
  const columns = profiler.labels.length;
  const scratch = new Float64Array(columns);
  const realProfile = Array.from({ length: columns }, () => new Array<number>(profiles.domains.length).fill(0));
  const simulatedProfile = Array.from({ length: columns }, () => new Array<number>(profiles.domains.length).fill(0));
  profiles.domains.forEach((domain, position) => {
    profiler.profile(domain.real, null, scratch);
    for (let column = 0; column < columns; column += 1) (realProfile[column] as number[])[position] = scratch[column] as number;
    profiler.profile(domain.simulated, null, scratch);
    for (let column = 0; column < columns; column += 1) (simulatedProfile[column] as number[])[position] = scratch[column] as number;
  });
  return profiler.labels.map((_, column) =>
    profiles.domains.length < MINIMUM_DOMAINS ? null : correlationOrNull(realProfile[column] as number[], simulatedProfile[column] as number[]),
  );
}

function correlationOrNull(x: number[], y: number[]): number | null {
  if (x.some(Number.isNaN) || y.some(Number.isNaN)) return null;
  return pearsonCorrelation(x, y);
}

/**
 * The correlation rows of one measure (one per profile column): r on the unresampled samples and the
 * percentile interval of r over the resamples (a resample in which a domain has no data is left out).
 */
export function correlationRows(
  profiles: DomainProfiles,
  resamples: number,
  real: Pick<MeasuredSet, 'name' | 'backends'>,
  simulated: Pick<MeasuredSet, 'name' | 'backends'>,
): CorrelationRow[] {
  const labels = createProfiler(profiles.measure, profiles.categories).labels;
  const columns = labels.length;
  const point = pointCorrelations(profiles);
  const domains = profiles.domains.length;
  const x = new Array<number>(domains).fill(0);
  const y = new Array<number>(domains).fill(0);
  const realBackend = real.backends[profiles.dimensionId] as string;
  const simulatedBackend = simulated.backends[profiles.dimensionId] as string;
  const backend = realBackend === simulatedBackend ? realBackend : `${realBackend} vs ${simulatedBackend}`;
  const smallDomains = profiles.domains.filter(
    (domain) => domain.real.contributing < SMALL_DOMAIN_DIALOGUES || domain.simulated.contributing < SMALL_DOMAIN_DIALOGUES,
  ).length;
  return labels.map((label, column) => {
    const r = point[column] ?? null;
    const draws: number[] = [];
    if (r !== null && profiles.domains.every((domain) => domain.resampled !== null)) {
      for (let resample = 0; resample < resamples; resample += 1) {
        const at = resample * columns + column;
        profiles.domains.forEach((domain, position) => {
          x[position] = (domain.resampled as ResampledProfiles).real[at] as number;
          y[position] = (domain.resampled as ResampledProfiles).simulated[at] as number;
        });
        const drawn = correlationOrNull(x, y);
        if (drawn !== null) draws.push(drawn);
      }
    }
    const sorted = Float64Array.from(draws).sort();
    const withInterval = r !== null && sorted.length > 0;
    return {
      dimension: profiles.dimensionId,
      measure: profiles.measure.id,
      category: label.category,
      profile: label.profile,
      backend,
      real: real.name,
      simulated: simulated.name,
      domains,
      r: roundForReport(r),
      ciLow: withInterval ? roundForReport(sortedQuantile(sorted, 0.025)) : null,
      ciHigh: withInterval ? roundForReport(sortedQuantile(sorted, 0.975)) : null,
      warnings: correlationWarnings(domains, r, smallDomains, realBackend, simulatedBackend),
    };
  });
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

function createProfiler(measure: Exclude<MeasureDefinition, { scale: 'embedding' }>, categories: readonly string[], arena?: KernelArena): Profiler {
  // One reusable per-atom buffer per domain sample (the profiler is called once per domain per resample).
  const scratches = new WeakMap<NumericSample | CategoricalSample, Float64Array>();
  const scratchOf = (sample: NumericSample | CategoricalSample): Float64Array => {
    let scratch = scratches.get(sample);
    if (scratch === undefined) {
      const atoms = (sample.scale === 'numeric' ? sample.distinctValues.length : sample.patternCounts.length) + 1;
      scratch = arena?.float64Array(atoms) ?? new Float64Array(atoms);
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
  const counts = arena?.float64Array(categories.length) ?? new Float64Array(categories.length);
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
