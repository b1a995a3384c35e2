import type { VegaLiteSpec } from './chart-to-svg.js';
import { setPalette, withChartDefaults } from './chart-theme.js';

export interface TrendDatum {
  run: string;
  comparison: string;
  value: number;
  ciLow: number | null;
  ciHigh: number | null;
  noiseFloor: number | null;
}

/** One line per comparison over runs (in the given order), its interval as a band, the noise floor dashed. */
export function trendChartSpec(input: { title: string; subtitle: string; unit: string; runs: string[]; comparisons: string[]; rows: TrendDatum[] }): VegaLiteSpec {
  const colors = { domain: input.comparisons, range: setPalette.slice(1, 1 + Math.max(1, input.comparisons.length)) };
  const x = { field: 'run', type: 'ordinal', sort: input.runs, title: 'run (report folder, by name)', axis: { labelAngle: -30, labelLimit: 160 } };
  return withChartDefaults({
    title: { text: input.title, subtitle: input.subtitle },
    width: 420,
    height: 180,
    data: { values: input.rows },
    layer: [
      {
        transform: [{ filter: 'datum.ciLow != null && datum.ciHigh != null' }],
        mark: { type: 'area', opacity: 0.2 },
        encoding: { x, y: { field: 'ciLow', type: 'quantitative', title: input.unit }, y2: { field: 'ciHigh' }, color: { field: 'comparison', type: 'nominal', scale: colors, legend: null } },
      },
      {
        transform: [{ filter: 'datum.noiseFloor != null' }],
        mark: { type: 'line', strokeDash: [4, 3], color: '#c00', strokeWidth: 1 },
        encoding: { x, y: { field: 'noiseFloor', type: 'quantitative' }, detail: { field: 'comparison', type: 'nominal' } },
      },
      {
        mark: { type: 'line', point: true },
        encoding: {
          x,
          y: { field: 'value', type: 'quantitative' },
          color: { field: 'comparison', type: 'nominal', scale: colors, legend: { orient: 'bottom', title: null, direction: 'vertical' } },
        },
      },
    ],
  });
}
