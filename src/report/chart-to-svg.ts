import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { RealsimError } from '../core/realsim-error.js';

export type VegaLiteSpec = TopLevelSpec;

interface HeadlessView {
  _viewWidth: number;
  _viewHeight: number;
  _origin: [number, number];
}

/**
 * Renumbers every id of one SVG document to `<prefix>-<n>` in order of appearance and rewrites the
 * references to them (url(#…), href="#…"). vega names clip paths and gradients from a process-wide
 * counter: without this, two renders of one report differ, and two charts inlined in one page could
 * point at each other's clip paths.
 */
export function renumberSvgIds(svg: string, prefix: string): string {
  const identifiers = new Map<string, string>();
  for (const match of svg.matchAll(/\sid="([^"]+)"/g)) {
    const identifier = match[1] ?? '';
    if (!identifiers.has(identifier)) identifiers.set(identifier, `${prefix}-${identifiers.size + 1}`);
  }
  if (identifiers.size === 0) return svg;
  const replacement = (identifier: string) => identifiers.get(identifier) ?? identifier;
  return svg
    .replace(/(\sid=")([^"]+)(")/g, (_all, start: string, identifier: string, end: string) => `${start}${replacement(identifier)}${end}`)
    .replace(/url\(#([^)]+)\)/g, (_all, identifier: string) => `url(#${replacement(identifier)})`)
    .replace(/(href=")#([^"]+)(")/g, (_all, start: string, identifier: string, end: string) => `${start}#${replacement(identifier)}${end}`);
}

/**
 * Renders a vega-lite spec to an SVG string synchronously: vega-lite → vega → headless SVG renderer.
 * Same steps as vega's View.toSVG(), without its promise: with inline data every vega operator runs
 * synchronously, so the report writer can stay synchronous. No network, no DOM, no canvas.
 */
export function renderChartToSvg(spec: VegaLiteSpec, idPrefix: string): string {
  const vegaSpec = compile(spec).spec;
  const view = new vega.View(vega.parse(vegaSpec), { renderer: 'none', logLevel: vega.Error });
  view.run();
  const layout = view as unknown as HeadlessView;
  if (typeof layout._viewWidth !== 'number' || typeof layout._viewHeight !== 'number' || !Array.isArray(layout._origin)) {
    throw new RealsimError('INTERNAL', 'renderChartToSvg: expected a vega view with its layout computed, found none (vega version changed?)');
  }
  const padding = (view as unknown as { padding(): { left: number; right: number; top: number; bottom: number } }).padding();
  const rendererModule = (vega.renderModule as unknown as (name: string) => unknown)('svg') as {
    headless: new (loader: unknown) => {
      initialize(element: null, width: number, height: number, origin: [number, number], scaleFactor: number): {
        background(color: unknown): unknown;
      };
      render(scene: unknown): unknown;
      svg(): string;
    };
  };
  const renderer = new rendererModule.headless(view.loader());
  renderer
    .initialize(
      null,
      Math.max(0, layout._viewWidth + padding.left + padding.right),
      Math.max(0, layout._viewHeight + padding.top + padding.bottom),
      [padding.left + layout._origin[0], padding.top + layout._origin[1]],
      1,
    )
    .background(view.background());
  renderer.render((view.scenegraph() as unknown as { root: unknown }).root);
  const svg = renderer.svg();
  view.finalize();
  if (!svg.startsWith('<svg')) {
    throw new RealsimError('INTERNAL', `renderChartToSvg: expected an svg document, found ${JSON.stringify(svg.slice(0, 40))}`);
  }
  return renumberSvgIds(svg, idPrefix);
}
