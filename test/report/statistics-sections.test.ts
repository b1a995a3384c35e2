import { describe, expect, it } from 'vitest';
import { renderHtmlReport } from '../../src/report/render-html-report.js';
import { renderMarkdownReport } from '../../src/report/render-markdown-report.js';
import { escapeMarkdownText } from '../../src/report/markdown-escape.js';
import type { RealismReport } from '../../src/report/realism-report.js';
import { HOSTILE_IMAGE, HOSTILE_SCRIPT, fixtureReport } from './report-fixture.js';

const HOSTILE_TURN = `Ignore this ${HOSTILE_SCRIPT} and ${HOSTILE_IMAGE}\nsee [click](http://example.com) | **bold** \`code\``;

/** The fixture report plus p/q values, a two-sample test, coverage and an example with hostile text. */
function reportWithStatistics(): RealismReport {
  const report = fixtureReport();
  report.distances = report.distances.map((row, index) => ({ ...row, pValue: index === 0 ? 0.001 : 0.2, qValue: index === 0 ? 0.0123 : 0.4 }));
  const [first] = report.comparisons;
  if (!first) throw new Error('fixture has no comparison');
  report.twoSampleTests = [
    {
      real: first.real,
      simulated: first.simulated,
      paired: true,
      method: 'classifier two-sample test: logistic regression',
      metric: 'auc',
      unit: 'cross-validated ROC AUC',
      backend: 'intent=intent-rules@1',
      nReal: 40,
      nSimulated: 40,
      folds: 5,
      features: ['intent.intent=info_retrieval', 'length.user_words'],
      auc: 0.7345,
      ciLow: 0.61,
      ciHigh: 0.85,
      foldAucs: [0.7, 0.8, 0.75, 0.6, 0.8],
      topFeatures: [{ feature: 'length.user_words', coefficient: 1.234 }],
      warnings: [],
    },
  ];
  report.coverage = [
    {
      real: first.real,
      simulated: first.simulated,
      dimension: 'intent',
      measure: 'intent',
      category: 'system_management',
      kind: 'rarely_produced',
      unitOfMass: 'tag occurrence',
      realCount: 12,
      simulatedCount: 1,
      realSharePercent: 6,
      simulatedSharePercent: 0.5,
      shareRatio: 0.0833,
      backend: 'intent-rules@1 (test)',
    },
  ];
  report.examples = [
    {
      real: first.real,
      simulated: first.simulated,
      rank: 1,
      dimension: 'intent',
      measure: 'intent',
      value: 10,
      noiseFloor: 1.5,
      unit: 'TVD × 100',
      backend: 'intent-rules@1 (test)',
      category: 'system_management',
      direction: 'under-produced',
      unitOfMass: 'tag occurrence',
      realSharePercent: 6,
      simulatedSharePercent: 0.5,
      matchedBy: 'user turn',
      realCandidates: 12,
      simulatedCandidates: 1,
      turns: [{ side: 'real', set: first.real, dialogueId: 'r-1', domain: 'travel', userTurn: 2, text: HOSTILE_TURN, truncated: true, characters: 3000 }],
    },
  ];
  return report;
}

describe('escapeMarkdownText', () => {
  it('turns markup into literal text on one table line', () => {
    // & < > and | become entities; ` * _ [ ] ~ \ get a backslash; the line break becomes a space
    expect(escapeMarkdownText('a <b> & [x](y)\n| *z* _w_ `c` ~s~ \\')).toBe(
      'a &lt;b&gt; &amp; \\[x\\](y) &#124; \\*z\\* \\_w\\_ \\`c\\` \\~s\\~ \\\\',
    );
  });
});

describe('statistics beyond the reference paper in the reports', () => {
  const report = reportWithStatistics();
  const html = renderHtmlReport(report);
  const markdown = renderMarkdownReport(report);

  it('shows the AUC in the leaderboard and p / q in the dimension tables of report.html', () => {
    const leaderboard = html.slice(html.indexOf('id="leaderboard"'), html.indexOf('id="dimensions"'));
    expect(leaderboard).toContain('two-sample AUC');
    expect(leaderboard).toContain('<b>0.735</b> <span class="small">[0.610 – 0.850]</span>');
    const dimensions = html.slice(html.indexOf('id="dimensions"'), html.indexOf('id="domains"'));
    expect(dimensions).toContain('<th>p (permutation)</th><th>q (BH)</th>');
    expect(dimensions).toContain('<td class="number">0.001</td><td class="number">0.012</td>');
    for (const id of ['two-sample', 'coverage', 'examples']) expect(html).toContain(`id="${id}"`);
    expect(html).toContain('length.user_words (+1.23)');
    expect(html).toContain('system_management');
  });

  it('shows example text escaped in report.html: no script, image or link is made from it', () => {
    const examples = html.slice(html.indexOf('id="examples"'), html.indexOf('id="real-sets"'));
    expect(examples).toContain('Ignore this &lt;script&gt;alert(1)&lt;/script&gt; and &lt;img src=x onerror=alert(1)&gt;');
    expect(examples).toContain('[click](http://example.com)');
    expect(examples).toContain('cut: 3000 characters in full');
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<img/i);
    expect(html).not.toContain('href="http://example.com"');
  });

  it('adds p / q columns and the three sections to report.md, with example text escaped', () => {
    expect(markdown).toContain('| verdict | p (permutation) | q (BH) |');
    expect(markdown).toMatch(/\| gap \| 0\.001 \| 0\.012 \|/);
    expect(markdown).toContain('### Classifier two-sample test');
    expect(markdown).toContain('| 0.735 | 0.610 – 0.850 | 0.70, 0.80, 0.75, 0.60, 0.80 | 40 / 40 | 2 | length.user_words (+1.23) |');
    expect(markdown).toContain('| intent | intent | system_management | rarely produced by the simulator | 6.0 (12) | 0.5 (1) |');
    expect(markdown).toContain('### Examples behind the largest gaps');
    expect(markdown).toContain(
      'Ignore this &lt;script&gt;alert(1)&lt;/script&gt; and &lt;img src=x onerror=alert(1)&gt; see \\[click\\](http://example.com) &#124; \\*\\*bold\\*\\* \\`code\\`',
    );
    expect(markdown).not.toContain('<script>alert(1)</script> and');
  });

  it('renders a report without the new tables (older report.json) as before', () => {
    const old = fixtureReport();
    expect(() => renderHtmlReport(old)).not.toThrow();
    expect(renderMarkdownReport(old)).not.toContain('### Classifier two-sample test');
    expect(renderMarkdownReport(old)).toContain('| – | – |');
  });
});
