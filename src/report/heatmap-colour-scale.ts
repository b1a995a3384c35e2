import * as vega from 'vega';

/** Quantile of the defined cell values that tops the heatmap's colour scale: one extreme cell does not wash out the rest. */
export const HEATMAP_CAP_QUANTILE = 0.9;

/** The colour scale reaches at least this many noise floors, so a page of near-noise cells is not painted dark red. */
export const HEATMAP_MINIMUM_CAP = 2;

export const HEATMAP_COLOUR_SCHEME = 'orangered';

/**
 * Top of the colour scale: the HEATMAP_CAP_QUANTILE quantile (linear between order statistics) of the defined
 * values, at least HEATMAP_MINIMUM_CAP; cells above it are drawn in the darkest colour (the scale clamps).
 */
export function robustColourCap(values: ReadonlyArray<number | null>): number {
  const defined = values.filter((value): value is number => value !== null && Number.isFinite(value)).sort((a, b) => a - b);
  if (defined.length === 0) return HEATMAP_MINIMUM_CAP;
  const position = (defined.length - 1) * HEATMAP_CAP_QUANTILE;
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  const quantile = (defined[lower] as number) + ((defined[upper] as number) - (defined[lower] as number)) * (position - lower);
  return Math.max(HEATMAP_MINIMUM_CAP, quantile);
}

/** WCAG 2 relative luminance of an "rgb(r, g, b)" or "#rrggbb" colour. */
export function relativeLuminance(colour: string): number {
  const channels = colour.startsWith('#')
    ? [1, 3, 5].map((start) => Number.parseInt(colour.slice(start, start + 2), 16))
    : (colour.match(/\d+(\.\d+)?/g) ?? []).slice(0, 3).map(Number);
  const [red, green, blue] = channels.map((channel) => {
    const unit = channel / 255;
    return unit <= 0.03928 ? unit / 12.92 : ((unit + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * red + 0.7152 * green + 0.0722 * blue;
}

/** WCAG 2 contrast ratio of two colours (1 to 21). */
export function contrastRatio(first: string, second: string): number {
  const [lighter, darker] = [relativeLuminance(first), relativeLuminance(second)].sort((a, b) => b - a) as [number, number];
  return (lighter + 0.05) / (darker + 0.05);
}

/** The cell colour of `value` on a linear scale over `domain` (clamped) in vega's `scheme`, as vega draws it. */
export function heatmapCellColour(value: number, domain: readonly [number, number], scheme: string = HEATMAP_COLOUR_SCHEME): string {
  const interpolate = vega.scheme(scheme) as (fraction: number) => string;
  const [low, high] = domain;
  return interpolate(Math.min(1, Math.max(0, high > low ? (value - low) / (high - low) : 0)));
}

/** Black or white, whichever contrasts more with the cell colour of `value` (null = the grey no-value cell: black). */
export function heatmapTextColour(value: number | null, domain: readonly [number, number], scheme: string = HEATMAP_COLOUR_SCHEME): '#000000' | '#ffffff' {
  if (value === null) return '#000000';
  const background = heatmapCellColour(value, domain, scheme);
  return contrastRatio(background, '#000000') >= contrastRatio(background, '#ffffff') ? '#000000' : '#ffffff';
}
