import type { VegaLiteSpec } from './chart-to-svg.js';

/** Shared look of every report chart: plain fonts (no web fonts, the page works offline), no frame. */
export const chartConfig = {
  font: 'Helvetica, Arial, sans-serif',
  view: { stroke: null },
  axis: { labelFontSize: 11, titleFontSize: 11, labelLimit: 360 },
  legend: { labelFontSize: 11, titleFontSize: 11, labelLimit: 400 },
  title: { fontSize: 13, anchor: 'start' as const, subtitleFontSize: 11, subtitleColor: '#555' },
  header: { labelFontSize: 11, titleFontSize: 11, labelLimit: 600 },
};

/** Colours for sets: the real set first (dark grey), then one colour per simulator. */
export const setPalette = ['#4a4a4a', '#d95f02', '#1b9e77', '#7570b3', '#e7298a', '#66a61e', '#e6ab02', '#a6761d'];

export function withChartDefaults(spec: Record<string, unknown>): VegaLiteSpec {
  return { $schema: 'https://vega.github.io/schema/vega-lite/v6.json', config: chartConfig, ...spec } as VegaLiteSpec;
}
