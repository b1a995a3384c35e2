import type { VegaLiteSpec } from './chart-to-svg.js';
import { setPalette, withChartDefaults } from './chart-theme.js';

export interface CategoryShareDatum {
  set: string;
  category: string;
  sharePercent: number;
}

/**
 * Grouped horizontal bars: for each category, one bar per set with its share in percent of the measure's
 * unit of mass (e.g. "% of tag occurrences"). Sets keep the given order (real set first).
 */
export function categoryShareChartSpec(input: {
  title: string;
  subtitle: string;
  unitOfMass: string;
  sets: string[];
  categories: string[];
  rows: CategoryShareDatum[];
}): VegaLiteSpec {
  return withChartDefaults({
    title: { text: input.title, subtitle: input.subtitle },
    width: 360,
    data: { values: input.rows },
    mark: { type: 'bar' },
    encoding: {
      y: { field: 'category', type: 'nominal', sort: input.categories, title: null },
      yOffset: { field: 'set', type: 'nominal', sort: input.sets },
      x: { field: 'sharePercent', type: 'quantitative', title: `share of ${input.unitOfMass}s (%)` },
      color: {
        field: 'set',
        type: 'nominal',
        sort: input.sets,
        scale: { domain: input.sets, range: setPalette.slice(0, Math.max(1, input.sets.length)) },
        legend: { orient: 'bottom', title: null, direction: 'vertical' },
      },
    },
    height: { step: Math.max(6, Math.min(12, 24 / Math.max(1, input.sets.length))) },
  });
}
