import type { VegaLiteSpec } from './chart-to-svg.js';
import { withChartDefaults } from './chart-theme.js';
import { HEATMAP_COLOUR_SCHEME, heatmapTextColour, robustColourCap } from './heatmap-colour-scale.js';

export interface HeatmapDatum {
  row: string;
  column: string;
  /** Colour value; null draws a grey cell. */
  color: number | null;
  /** Text printed in the cell. */
  label: string;
  /** Drawn with a thick black border and bold text: the row's verdict is "gap". */
  gap?: boolean;
}

/**
 * Rows × columns of coloured cells, each labelled with its own text (the value in its unit). The colour scale
 * runs over `colorDomain`, or from 0 to robustColourCap of the cells (a high quantile, so one extreme cell does
 * not set it); each label is black or white, whichever contrasts more with its cell; gap cells get a black border
 * and bold text.
 */
export function heatmapChartSpec(input: {
  title: string;
  subtitle: string | string[];
  rowTitle: string;
  columnTitle: string;
  colorTitle: string;
  rows: string[];
  columns: string[];
  cells: HeatmapDatum[];
  colorScheme?: string;
  colorDomain?: [number, number];
}): VegaLiteSpec {
  const scheme = input.colorScheme ?? HEATMAP_COLOUR_SCHEME;
  const domain: [number, number] = input.colorDomain ?? [0, robustColourCap(input.cells.map((cell) => cell.color))];
  const values = input.cells.map((cell) => ({ ...cell, gap: cell.gap === true, textColor: heatmapTextColour(cell.color, domain, scheme) }));
  return withChartDefaults({
    title: { text: input.title, subtitle: input.subtitle },
    data: { values },
    width: { step: 92 },
    height: { step: 24 },
    layer: [
      {
        mark: { type: 'rect' },
        encoding: {
          stroke: { condition: { test: 'datum.gap', value: '#000000' }, value: '#ffffff' },
          strokeWidth: { condition: { test: 'datum.gap', value: 2.5 }, value: 1 },
          y: { field: 'row', type: 'nominal', sort: input.rows, title: input.rowTitle },
          x: { field: 'column', type: 'nominal', sort: input.columns, title: input.columnTitle, axis: { orient: 'top', labelAngle: -30, labelAlign: 'left' } },
          color: {
            condition: { test: 'datum.color == null', value: '#e5e5e5' },
            field: 'color',
            type: 'quantitative',
            title: input.colorTitle,
            scale: { scheme, clamp: true, domain },
            legend: { orient: 'bottom', gradientLength: 220 },
          },
        },
      },
      // vega-lite has no font-weight channel and no literal-colour scale: one text layer per colour × weight
      ...(['#000000', '#ffffff'] as const).flatMap((textColor) =>
        [false, true].map((gap) => ({
          transform: [{ filter: `datum.textColor == '${textColor}' && datum.gap == ${gap}` }],
          mark: { type: 'text', fontSize: 10, color: textColor, fontWeight: gap ? 'bold' : 'normal' },
          encoding: {
            y: { field: 'row', type: 'nominal', sort: input.rows },
            x: { field: 'column', type: 'nominal', sort: input.columns },
            text: { field: 'label', type: 'nominal' },
          },
        })),
      ),
    ],
  });
}
