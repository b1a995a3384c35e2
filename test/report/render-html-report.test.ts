import { describe, expect, it } from 'vitest';
import { renderChartToSvg, renumberSvgIds } from '../../src/report/chart-to-svg.js';
import { escapeHtml } from '../../src/report/html-escape.js';
import { buildLeaderboard, distanceOverNoiseFloor } from '../../src/report/html-leaderboard.js';
import { renderHtmlReport } from '../../src/report/render-html-report.js';
import { HOSTILE_IMAGE, HOSTILE_SCRIPT, distanceRow, fixtureReport } from './report-fixture.js';

describe('escapeHtml', () => {
  it('escapes the five HTML-significant characters', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
  });
});

describe('renderHtmlReport', () => {
  const report = fixtureReport();
  const html = renderHtmlReport(report);

  it('shows hostile set names, paths and descriptions as text, never as markup', () => {
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<img/i);
    // no element carries an onerror/src attribute (quoted attribute values blanked first: aria-labels hold the escaped text)
    const tagsOnly = html.replace(/"[^"]*"/g, '""');
    expect(tagsOnly).not.toMatch(/<[a-z]+\b[^>]*\s(onerror|src)=/i);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    // markdown stays literal text: no link is made from report data
    expect(html).toContain('[click](http://example.com)');
    expect(html).not.toContain('href="http://example.com"');
    expect(html).not.toContain('href="javascript:');
  });

  it('is one self-contained page: no external resource, no script element, a CSP forbidding both', () => {
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).not.toMatch(/<(link|iframe|object|embed)\b/i);
    expect(html).toContain(`default-src 'none'`);
  });

  it('renders every chart to an inline svg: 1 distance chart + 1 chart per categorical/numeric measure + heatmaps', () => {
    // dimensions: intent (distance chart + share chart), knowledge (distance chart), length (distance chart + mean chart) = 5;
    // domains: one heatmap per comparison = 2; real set "real" spans 2 domains: 1 heatmap. Total 8.
    const figures = html.match(/<figure class="chart">/g) ?? [];
    const svgs = html.match(/<figure class="chart"><svg [^>]*class="marks"/g) ?? [];
    expect(figures.length).toBe(8);
    expect(svgs.length).toBe(8);
  });

  it('gives every chart its own ids (no clash between inline svgs)', () => {
    const ids = [...html.matchAll(/\sid="([^"]+)"/g)].map((match) => match[1]);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('is deterministic: the same report gives the same bytes', () => {
    expect(renderHtmlReport(fixtureReport())).toBe(html);
  });

  it('has all sections, the rank rule, and flags the small domain', () => {
    for (const id of ['leaderboard', 'dimensions', 'domains', 'real-sets', 'validity', 'inputs', 'warnings', 'statistics']) {
      expect(html).toContain(`id="${id}"`);
    }
    expect(html).toContain('Overall rank = order of the mean');
    expect(html).toContain('Small domains (fewer than 30 dialogues in the real or simulated set): email.');
    // validity numbers with 3 decimals
    expect(html).toContain('0.858');
  });
});

describe('leaderboard', () => {
  it('ranks by mean rank of distance ÷ noise floor', () => {
    // sim A (script name): intent 10/1.5 = 6.67, length 30/5 = 6, knowledge (1-0.95)/(1-0.99) = 5
    // sim B (img name):    intent 15/1.5 = 10,   length 20/5 = 4, knowledge 5 (tie → both rank 1.5)
    // ranks: A = 1, 2, 1.5 → mean 1.5; B = 2, 1, 1.5 → mean 1.5; tie → mean ratio A 5.89 < B 6.33 → A first
    const entries = buildLeaderboard(fixtureReport());
    expect(entries.map((entry) => entry.simulated)).toEqual([HOSTILE_SCRIPT, HOSTILE_IMAGE]);
    expect(entries[0]?.meanRank).toBe(1.5);
    expect(entries[0]?.meanRatio).toBeCloseTo((10 / 1.5 + 6 + 5) / 3, 6);
    expect(entries[1]?.meanRatio).toBeCloseTo((10 + 4 + 5) / 3, 6);
    expect(entries[0]?.cells.map((cell) => cell.rank)).toEqual([1, 1.5, 2]);
  });

  it('distance ÷ noise floor is undefined without a positive floor', () => {
    expect(distanceOverNoiseFloor(distanceRow({ noiseFloor: 0 }))).toBeNull();
    expect(distanceOverNoiseFloor(distanceRow({ noiseFloor: null }))).toBeNull();
    expect(distanceOverNoiseFloor(distanceRow({ value: 3, noiseFloor: 1.5 }))).toBe(2);
  });
});

describe('renderChartToSvg', () => {
  const spec = {
    data: { values: [{ name: HOSTILE_SCRIPT, value: 3 }, { name: 'b', value: 5 }] },
    mark: 'bar',
    encoding: { x: { field: 'name', type: 'nominal' }, y: { field: 'value', type: 'quantitative' } },
  } as const;

  it('matches vega View.toSVG byte for byte (after id renumbering) and escapes data text', async () => {
    const vega = await import('vega');
    const { compile } = await import('vega-lite');
    const view = new vega.View(vega.parse(compile(spec as never).spec), { renderer: 'none' });
    const expected = renumberSvgIds(await view.toSVG(), 'c');
    const svg = renderChartToSvg(spec as never, 'c');
    expect(svg).toBe(expected);
    expect(svg).not.toContain('<script');
    expect(svg).toContain('&lt;script&gt;');
  });

  it('renumbers ids and their references in order of appearance', () => {
    const svg = '<svg><clipPath id="clip7"><rect/></clipPath><g clip-path="url(#clip7)"/><use href="#clip7"/></svg>';
    expect(renumberSvgIds(svg, 'p')).toBe('<svg><clipPath id="p-1"><rect/></clipPath><g clip-path="url(#p-1)"/><use href="#p-1"/></svg>');
  });
});
