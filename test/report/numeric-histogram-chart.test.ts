import { describe, expect, it } from 'vitest';
import { histogramOutline } from '../../src/report/chart-numeric-histogram.js';
import { renderHtmlReport } from '../../src/report/render-html-report.js';
import type { RealismReport } from '../../src/report/realism-report.js';
import { HOSTILE_IMAGE, HOSTILE_SCRIPT, fixtureReport } from './report-fixture.js';

/** The fixture report plus 2-bin histograms of length.user_words for its three sets. */
function reportWithHistograms(): RealismReport {
  const report = fixtureReport();
  const shares: Record<string, [number, number]> = { real: [75, 25], [HOSTILE_SCRIPT]: [40, 60], [HOSTILE_IMAGE]: [10, 90] };
  report.histograms = Object.entries(shares).flatMap(([set, [first, second]]) =>
    [first, second].map((sharePercent, index) => ({
      set,
      dimension: 'length',
      measure: 'user_words',
      unit: 'words per dialogue',
      backend: 'whitespace word count (test)',
      binLow: index === 0 ? 10 : 55,
      binHigh: index === 0 ? 55 : 100,
      openLow: index === 0,
      openHigh: index === 1,
      count: (sharePercent * 40) / 100,
      sharePercent,
    })),
  );
  return report;
}

describe('histogramOutline', () => {
  it('steps up from 0 at the first edge, across each bin, and back to 0 at the last edge', () => {
    const points = histogramOutline('real', [
      { set: 'real', binLow: 5, binHigh: 10, sharePercent: 30 },
      { set: 'real', binLow: 0, binHigh: 5, sharePercent: 70 },
    ]);
    expect(points.map((point) => [point.x, point.sharePercent])).toEqual([
      [0, 0],
      [0, 70],
      [5, 30],
      [10, 30],
      [10, 0],
    ]);
  });

  it('widens a zero-width single bin by ±0.5', () => {
    const points = histogramOutline('real', [{ set: 'real', binLow: 4, binHigh: 4, sharePercent: 100 }]);
    expect(points.map((point) => [point.x, point.sharePercent])).toEqual([
      [3.5, 0],
      [3.5, 100],
      [4.5, 100],
      [4.5, 0],
    ]);
  });
});

describe('report.html numeric histograms', () => {
  const html = renderHtmlReport(reportWithHistograms());
  const lengthSection = html.slice(html.indexOf('<section class="dimension" id="dimension-3">'), html.indexOf('</section>', html.indexOf('id="dimension-3"')));

  it('draws the numeric measure as a histogram svg instead of the mean bars (same number of charts)', () => {
    expect(html.match(/<figure class="chart"><svg [^>]*class="marks"/g) ?? []).toHaveLength(8);
    expect(lengthSection).toContain('Histogram of per-dialogue words per dialogue, all domains: 2 equal-width bins from 10.00 to 100.00 words per dialogue');
    expect(lengthSection).not.toContain('report.json keeps means and medians');
    const figure = lengthSection.slice(lengthSection.lastIndexOf('<figure class="chart">'));
    // one step outline per set, in the set palette (real dark grey, then orange, then green), and the axis titles
    for (const colour of ['#4a4a4a', '#d95f02', '#1b9e77']) expect(figure).toContain(`stroke="${colour}"`);
    expect(figure).toContain('share of dialogues (%)');
    expect(figure).toContain('>words per dialogue</text>');
    // means and medians still reported, set names escaped
    expect(lengthSection).toContain('Mean / median per set: real 50.00 / 45.00; &lt;script&gt;alert(1)&lt;/script&gt; 60.00 / 55.00');
    expect(html).not.toMatch(/<script/i);
  });

  it('falls back to the mean/median bars for a report without histograms', () => {
    const plain = renderHtmlReport(fixtureReport());
    expect(plain).toContain('report.json keeps means and medians');
    expect(plain).not.toContain('Histogram of per-dialogue');
  });
});
