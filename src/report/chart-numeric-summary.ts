import type { VegaLiteSpec } from './chart-to-svg.js';
import { setPalette, withChartDefaults } from './chart-theme.js';

export interface NumericSummaryDatum {
  set: string;
  mean: number;
  median: number | null;
}

/**
 * One bar per set = the per-dialogue mean of a numeric measure, with a black tick at the median.
 * report.json keeps means and medians (not whole distributions), so this is what can be drawn honestly.
 */
export function numericSummaryChartSpec(input: { title: string; subtitle: string; unit: string; sets: string[]; rows: NumericSummaryDatum[] }): VegaLiteSpec {
  const colors = { domain: input.sets, range: setPalette.slice(0, Math.max(1, input.sets.length)) };
  return withChartDefaults({
    title: { text: input.title, subtitle: input.subtitle },
    width: 260,
    height: { step: 18 },
    data: { values: input.rows },
    layer: [
      {
        mark: { type: 'bar' },
        encoding: {
          y: { field: 'set', type: 'nominal', sort: input.sets, title: null },
          x: { field: 'mean', type: 'quantitative', title: `mean (bar) and median (tick), ${input.unit}` },
          color: { field: 'set', type: 'nominal', scale: colors, legend: null },
        },
      },
      {
        transform: [{ filter: 'datum.median != null' }],
        mark: { type: 'tick', color: 'black', thickness: 2 },
        encoding: {
          y: { field: 'set', type: 'nominal', sort: input.sets },
          x: { field: 'median', type: 'quantitative' },
        },
      },
    ],
  });
}
