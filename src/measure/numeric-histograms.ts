import type { DimensionDefinition } from '../core/dimension.js';
import { RealsimError, quoteForMessage } from '../core/realsim-error.js';
import { compareText } from './compare-text.js';
import { buildMeasureSample } from './measure-sample.js';
import type { MeasuredSet } from './measured-set.js';
import { roundForReport } from './round-for-report.js';

/** One row per set × numeric measure × bin (domain "all" only), report.json table `histograms`. */
export interface NumericHistogramRow {
  set: string;
  dimension: string;
  measure: string;
  /** Unit of binLow / binHigh (the measure's unit, e.g. "words per dialogue"). */
  unit: string;
  backend: string;
  binLow: number;
  binHigh: number;
  /** First bin: it also holds every value below binLow (values under the pooled low percentile). */
  openLow: boolean;
  /** Last bin: it also holds every value at or above binHigh (values over the pooled high percentile). */
  openHigh: boolean;
  /** Dialogues of the set whose value falls in the bin. */
  count: number;
  /** count ÷ dialogues of the set with a value for the measure, in percent. */
  sharePercent: number;
}

export interface NumericHistogramOptions {
  /** Number of bins (default 20). */
  bins?: number;
  /** Pooled percentile of the lowest edge, 0–100 (default 1). */
  lowPercentile?: number;
  /** Pooled percentile of the highest edge, 0–100 (default 99). */
  highPercentile?: number;
}

/** How the bins are formed, for captions and report notes. */
export const HISTOGRAM_BINNING_RULE =
  'Histograms: per numeric measure, 20 equal-width bins shared by the sets compared with each other (a real set and its simulators; a set in no comparison has its own), between the 1st and 99th percentile of the values of those sets pooled (linear interpolation); ' +
  'for whole-number measures (counts) the edges are whole numbers, from floor(1st percentile) with the smallest whole width that reaches ceil(99th percentile) in at most 20 bins; ' +
  'the first bin also holds every value below its lower edge and the last bin every value at or above its upper edge, so outliers are kept, not dropped. ' +
  'Height = share of the set\'s dialogues with a value (%); all domains.';

/** Percentile (0–100) of ascending values by linear interpolation between closest ranks (position p/100 × (n − 1)). */
export function interpolatedPercentile(sortedValues: ArrayLike<number>, percentile: number): number {
  const size = sortedValues.length;
  if (size === 0) throw new RealsimError('INTERNAL', 'interpolatedPercentile: expected at least one value, found none');
  const position = (percentile / 100) * (size - 1);
  const below = Math.floor(position);
  const above = Math.min(size - 1, below + 1);
  const fraction = position - below;
  const low = sortedValues[below] as number;
  const high = sortedValues[above] as number;
  return fraction === 0 ? low : low + fraction * (high - low);
}

/**
 * Bin edges from pooled ascending values: `bins` equal-width bins between the low and high percentile.
 * When those percentiles coincide (a heavily concentrated measure), the pooled minimum and maximum are used
 * instead; when those coincide too, one zero-width bin [v, v] holds everything. When every pooled value is a
 * whole number (counts), edges are whole numbers too: from floor(low) with the smallest whole width that
 * covers up to ceil(high) in at most `bins` bins, so each bin holds the same number of possible values
 * (equal-width real bins over counts would hold one or two integers by turns and draw a false comb).
 */
export function histogramEdges(sortedPooled: ArrayLike<number>, bins: number, lowPercentile: number, highPercentile: number): number[] {
  let low = interpolatedPercentile(sortedPooled, lowPercentile);
  let high = interpolatedPercentile(sortedPooled, highPercentile);
  if (high <= low) {
    low = sortedPooled[0] as number;
    high = sortedPooled[sortedPooled.length - 1] as number;
  }
  if (high <= low) return [low, low];
  if (Array.prototype.every.call(sortedPooled, (value: number) => Number.isInteger(value))) {
    const wholeLow = Math.floor(low);
    const wholeWidth = Math.max(1, Math.ceil((Math.ceil(high) - wholeLow) / bins));
    const wholeBins = Math.max(1, Math.ceil((Math.ceil(high) - wholeLow) / wholeWidth));
    return Array.from({ length: wholeBins + 1 }, (_unused, index) => wholeLow + index * wholeWidth);
  }
  const width = (high - low) / bins;
  return Array.from({ length: bins + 1 }, (_unused, index) => (index === bins ? high : low + index * width));
}

/** Index of the bin holding `value`: bin k covers [edge k, edge k+1); values outside fall in the first or last bin. */
export function binIndexOf(value: number, edges: readonly number[]): number {
  const bins = edges.length - 1;
  const low = edges[0] as number;
  const high = edges[bins] as number;
  if (bins <= 1 || high <= low) return 0;
  const index = Math.floor((value - low) / ((high - low) / bins));
  return Math.max(0, Math.min(bins - 1, index));
}

/**
 * Histograms of every numeric measure over all dialogues of each set (domain "all"), with bin edges
 * shared by all the sets passed in (the report passes the sets compared with each other) (see HISTOGRAM_BINNING_RULE), so shares are comparable bin by bin.
 * Sets without a backend for a dimension, and sets without any value for a measure, get no rows for it.
 * Rows are ordered by dimension id, measure id, set (given order), then bin. Edges and shares are rounded
 * with roundForReport; counts are whole dialogues. Pure and deterministic.
 */
export function numericHistograms(
  sets: readonly MeasuredSet[],
  definitions: readonly DimensionDefinition[],
  options: NumericHistogramOptions = {},
): NumericHistogramRow[] {
  const bins = options.bins ?? 20;
  const lowPercentile = options.lowPercentile ?? 1;
  const highPercentile = options.highPercentile ?? 99;
  if (!Number.isInteger(bins) || bins < 1) {
    throw new RealsimError('USAGE', `numericHistograms: expected a whole number of bins ≥ 1, found ${quoteForMessage(String(bins))}`);
  }
  if (!(lowPercentile >= 0 && lowPercentile < highPercentile && highPercentile <= 100)) {
    throw new RealsimError(
      'USAGE',
      `numericHistograms: expected 0 ≤ lowPercentile < highPercentile ≤ 100, found ${quoteForMessage(`${lowPercentile}, ${highPercentile}`)}`,
    );
  }
  const rows: NumericHistogramRow[] = [];
  const dimensions = [...definitions].sort((a, b) => compareText(a.id, b.id));
  for (const dimension of dimensions) {
    const measures = dimension.measures.filter((measure) => measure.scale === 'numeric').sort((a, b) => compareText(a.id, b.id));
    for (const measure of measures) {
      if (measure.scale !== 'numeric') continue;
      const perSet = sets.flatMap((set) => {
        const backend = set.backends[dimension.id];
        if (backend === undefined) return [];
        const sample = buildMeasureSample(set.dialogues, dimension.id, measure);
        if (sample.scale !== 'numeric' || sample.contributing === 0) return [];
        return [{ set, backend, values: sample.sortedValues }];
      });
      if (perSet.length === 0) continue;
      const pooled = new Float64Array(perSet.reduce((total, entry) => total + entry.values.length, 0));
      let offset = 0;
      for (const entry of perSet) {
        pooled.set(entry.values, offset);
        offset += entry.values.length;
      }
      pooled.sort();
      const edges = histogramEdges(pooled, bins, lowPercentile, highPercentile);
      const binCount = edges.length - 1;
      for (const { set, backend, values } of perSet) {
        const counts = new Array<number>(binCount).fill(0);
        for (const value of values) {
          const index = binIndexOf(value, edges);
          counts[index] = (counts[index] as number) + 1;
        }
        counts.forEach((count, index) => {
          rows.push({
            set: set.name,
            dimension: dimension.id,
            measure: measure.id,
            unit: measure.unit,
            backend,
            binLow: roundForReport(edges[index]) as number,
            binHigh: roundForReport(edges[index + 1]) as number,
            openLow: index === 0,
            openHigh: index === binCount - 1,
            count,
            sharePercent: roundForReport((100 * count) / values.length) as number,
          });
        });
      }
    }
  }
  return rows;
}
