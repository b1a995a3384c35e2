import type { VegaLiteSpec } from './chart-to-svg.js';
import { setPalette, withChartDefaults } from './chart-theme.js';

export interface NumericHistogramDatum {
  set: string;
  binLow: number;
  binHigh: number;
  sharePercent: number;
}

interface OutlinePoint {
  set: string;
  x: number;
  sharePercent: number;
  order: number;
}

/**
 * Outline of one set's histogram as a step line: up from 0 at the first edge, across each bin at its
 * share, down to 0 at the last edge. A zero-width single bin (constant measure) is widened by ±0.5 so it
 * stays visible.
 */
export function histogramOutline(set: string, bins: readonly NumericHistogramDatum[]): OutlinePoint[] {
  const sorted = [...bins].sort((a, b) => a.binLow - b.binLow);
  const first = sorted[0];
  const last = sorted[sorted.length - 1];
  if (!first || !last) return [];
  const degenerate = sorted.length === 1 && first.binLow === first.binHigh;
  const start = degenerate ? first.binLow - 0.5 : first.binLow;
  const end = degenerate ? first.binHigh + 0.5 : last.binHigh;
  const points: OutlinePoint[] = [{ set, x: start, sharePercent: 0, order: 0 }];
  sorted.forEach((bin, index) => points.push({ set, x: index === 0 ? start : bin.binLow, sharePercent: bin.sharePercent, order: index + 1 }));
  points.push({ set, x: end, sharePercent: last.sharePercent, order: sorted.length + 1 });
  points.push({ set, x: end, sharePercent: 0, order: sorted.length + 2 });
  return points;
}

/**
 * Overlaid histograms of one numeric measure, one step outline per set (real set first, dark grey) over
 * bins shared by the compared sets; y = share of the set's dialogues in the bin (%), x in the measure's unit. The
 * real set's histogram is also filled lightly so the simulators' outlines read against it.
 */
export function numericHistogramChartSpec(input: {
  title: string;
  subtitle: string;
  unit: string;
  sets: string[];
  rows: NumericHistogramDatum[];
}): VegaLiteSpec {
  const sets = input.sets.filter((set) => input.rows.some((row) => row.set === set));
  const colors = { domain: input.sets, range: setPalette.slice(0, Math.max(1, input.sets.length)) };
  const outlines = sets.flatMap((set) => histogramOutline(set, input.rows.filter((row) => row.set === set)));
  const realSet = input.sets[0] ?? '';
  return withChartDefaults({
    title: { text: input.title, subtitle: input.subtitle },
    width: 360,
    height: 160,
    data: { values: outlines },
    layer: [
      {
        transform: [{ filter: { field: 'set', equal: realSet } }],
        mark: { type: 'area', interpolate: 'step-after', opacity: 0.18, color: setPalette[0] },
        encoding: {
          x: { field: 'x', type: 'quantitative', scale: { zero: false, nice: false } },
          y: { field: 'sharePercent', type: 'quantitative' },
          order: { field: 'order', type: 'quantitative' },
        },
      },
      {
        mark: { type: 'line', interpolate: 'step-after', strokeWidth: 1.8 },
        encoding: {
          x: { field: 'x', type: 'quantitative', title: input.unit, scale: { zero: false, nice: false } },
          y: { field: 'sharePercent', type: 'quantitative', title: 'share of dialogues (%)' },
          color: {
            field: 'set',
            type: 'nominal',
            sort: input.sets,
            scale: colors,
            legend: { orient: 'bottom', title: null, direction: 'vertical' },
          },
          order: { field: 'order', type: 'quantitative' },
        },
      },
    ],
  });
}
