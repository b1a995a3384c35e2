import type { VegaLiteSpec } from './chart-to-svg.js';
import { withChartDefaults } from './chart-theme.js';

export interface HeatmapDatum {
  row: string;
  column: string;
  /** Colour value; null draws a grey cell. */
  color: number | null;
  /** Text printed in the cell. */
  label: string;
}

/** Rows × columns of coloured cells, each labelled with its own text (the value in its unit). */
export function heatmapChartSpec(input: {
  title: string;
  subtitle: string;
  rowTitle: string;
  columnTitle: string;
  colorTitle: string;
  rows: string[];
  columns: string[];
  cells: HeatmapDatum[];
  colorScheme?: string;
  colorDomain?: [number, number];
}): VegaLiteSpec {
  return withChartDefaults({
    title: { text: input.title, subtitle: input.subtitle },
    data: { values: input.cells },
    width: { step: 92 },
    height: { step: 24 },
    layer: [
      {
        mark: { type: 'rect', stroke: 'white' },
        encoding: {
          y: { field: 'row', type: 'nominal', sort: input.rows, title: input.rowTitle },
          x: { field: 'column', type: 'nominal', sort: input.columns, title: input.columnTitle, axis: { orient: 'top', labelAngle: -30, labelAlign: 'left' } },
          color: {
            condition: { test: 'datum.color == null', value: '#e5e5e5' },
            field: 'color',
            type: 'quantitative',
            title: input.colorTitle,
            scale: { scheme: input.colorScheme ?? 'orangered', clamp: true, ...(input.colorDomain ? { domain: input.colorDomain } : {}) },
            legend: { orient: 'bottom', gradientLength: 220 },
          },
        },
      },
      {
        mark: { type: 'text', fontSize: 10 },
        encoding: {
          y: { field: 'row', type: 'nominal', sort: input.rows },
          x: { field: 'column', type: 'nominal', sort: input.columns },
          text: { field: 'label', type: 'nominal' },
        },
      },
    ],
  });
}
