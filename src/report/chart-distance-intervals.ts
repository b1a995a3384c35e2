import type { VegaLiteSpec } from './chart-to-svg.js';
import { withChartDefaults } from './chart-theme.js';

export interface DistanceIntervalDatum {
  /** Facet label: "measure (metric, unit)". */
  measure: string;
  comparison: string;
  value: number;
  ciLow: number;
  ciHigh: number;
  noiseFloor: number | null;
}

/**
 * One panel per measure (own x axis, in that measure's unit): the distance as a dot, its bootstrap
 * interval as a line, the real-vs-real noise floor as a red tick.
 */
export function distanceIntervalChartSpec(input: { title: string; subtitle: string; measures: string[]; rows: DistanceIntervalDatum[] }): VegaLiteSpec {
  return withChartDefaults({
    title: { text: input.title, subtitle: input.subtitle },
    data: { values: input.rows },
    facet: { row: { field: 'measure', type: 'nominal', sort: input.measures, title: null, header: { labelAngle: 0, labelAlign: 'left', labelAnchor: 'start', labelOrient: 'top' } } },
    spec: {
      width: 360,
      height: { step: 18 },
      layer: [
        {
          mark: { type: 'rule', strokeWidth: 2, color: '#333' },
          encoding: {
            y: { field: 'comparison', type: 'nominal', title: null },
            x: { field: 'ciLow', type: 'quantitative', title: null, scale: { zero: false } },
            x2: { field: 'ciHigh' },
          },
        },
        {
          mark: { type: 'point', filled: true, size: 50, color: '#d95f02' },
          encoding: { y: { field: 'comparison', type: 'nominal' }, x: { field: 'value', type: 'quantitative' } },
        },
        {
          transform: [{ filter: 'datum.noiseFloor != null' }],
          mark: { type: 'tick', color: '#c00', thickness: 2 },
          encoding: { y: { field: 'comparison', type: 'nominal' }, x: { field: 'noiseFloor', type: 'quantitative' } },
        },
      ],
    },
    resolve: { scale: { x: 'independent' } },
  });
}
