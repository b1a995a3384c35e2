import { describe, expect, it } from 'vitest';
import type { DistanceRow } from '../../src/core/report-rows.js';
import type { RealismReport } from '../../src/report/realism-report.js';
import { renderMarkdownReport, renderMarkdownSummary } from '../../src/report/render-markdown-report.js';
import { MARKDOWN_SUMMARY_LIMIT, joinWithinLimit, largestRealGaps } from '../../src/report/render-markdown-summary.js';
import { HOSTILE_IMAGE, HOSTILE_SCRIPT, distanceRow, fixtureReport } from './report-fixture.js';

/** The fixture with verdicts: the length rows of the second simulator are the one gap over all domains. */
function reportWithVerdicts(): RealismReport {
  const report = fixtureReport();
  for (const row of report.distances) {
    row.verdict = row.dimension === 'length' && row.simulated === HOSTILE_IMAGE ? 'gap' : 'no detectable gap';
    row.corrected = row.value;
    row.qValue = row.verdict === 'gap' ? 0.001 : 0.4;
  }
  return report;
}

/** A 16-domain audit of 24 simulators with 20 measures each: its report.md is far over a PR comment. */
function largeMultiDomainReport(): RealismReport {
  const report = reportWithVerdicts();
  const simulators = Array.from({ length: 24 }, (_, index) => `${HOSTILE_SCRIPT}-simulator-${index}`);
  const domains = ['all', ...Array.from({ length: 16 }, (_, index) => `domain-${index}`)];
  const distances: DistanceRow[] = [];
  for (const simulated of simulators) {
    for (const domain of domains) {
      for (let measure = 0; measure < 20; measure += 1) {
        const gap = (measure + simulated.length) % 3 === 0;
        distances.push(
          distanceRow({ simulated, domain, measure: `measure_${measure}`, value: 5 + measure, corrected: 4 + measure, verdict: gap ? 'gap' : 'no detectable gap', qValue: gap ? 0.01 : 0.5 }),
        );
      }
    }
  }
  report.distances = distances;
  report.comparisons = simulators.map((simulated) => ({ real: 'real', simulated, paired: true, pairs: 40 }));
  return report;
}

describe('report.md summary', () => {
  it('opens with the summary: a verdict per simulator and the largest gaps with their units, names escaped', () => {
    const markdown = renderMarkdownReport(reportWithVerdicts());
    const summary = markdown.slice(markdown.indexOf('## Summary'), markdown.indexOf('<details>'));
    expect(markdown.indexOf('## Summary')).toBeLessThan(markdown.indexOf('## Inputs'));
    expect(summary).toContain('- **&lt;script&gt;alert(1)&lt;/script&gt;** vs real: no detectable gap on any of 3 measures');
    expect(summary).toContain('- **&lt;img src=x onerror=alert(1)&gt;** vs real: gap on 1 of 3 measures (length)');
    expect(summary).toContain('1. **length · user_words**, &lt;img src=x onerror=alert(1)&gt; vs real: 20.00 Wasserstein-1, words per dialogue (corrected; plug-in 20.00, interval 15.00 – 25.00, q 0.001, 4.0 noise floors); mean 50.00 real vs 70.00 simulated.');
    expect(summary).not.toContain('2. **');
    expect(markdown).not.toContain('<script>');
    expect(markdown).not.toContain('<img');
    expect(markdown).toContain('<details><summary>Inputs</summary>');
    expect(markdown).toContain(`<details><summary>${'&lt;img src=x onerror=alert(1)&gt;'} vs real</summary>`);
  });

  it('names at most 3 gaps, largest in noise floors first, only verdict "gap" rows over all domains', () => {
    const report = largeMultiDomainReport();
    const gaps = largestRealGaps(report);
    expect(gaps.length).toBe(3);
    expect(gaps.every((row) => row.domain === 'all' && row.verdict === 'gap')).toBe(true);
    const sizes = gaps.map((row) => (row.corrected as number) / (row.noiseFloor as number));
    expect(sizes).toEqual([...sizes].sort((a, b) => b - a));
    const largestGap = Math.max(...report.distances.filter((row) => row.domain === 'all' && row.verdict === 'gap').map((row) => row.corrected as number));
    expect(gaps[0]?.corrected).toBe(largestGap);
  });
});

describe('evaluate --markdown-summary', () => {
  it('stays under 60,000 characters on a large multi-domain report whose report.md does not', () => {
    const report = largeMultiDomainReport();
    const full = renderMarkdownReport(report);
    const summary = renderMarkdownSummary(report);
    expect(full.length).toBeGreaterThan(65_536);
    expect(summary.length).toBeLessThan(MARKDOWN_SUMMARY_LIMIT);
    expect(summary).toContain('## Summary');
    expect(summary.match(/^- \*\*/gm)?.length).toBe(24);
    expect(summary).toMatch(/_\d+ sections? left out to stay under 60000 characters: see report.md and report.html._\n$/);
    expect(summary).not.toContain('<script>');
  });

  it('keeps every block of a small report, and is deterministic', () => {
    const report = reportWithVerdicts();
    const summary = renderMarkdownSummary(report);
    expect(summary).not.toContain('left out');
    expect(summary).toContain('<details><summary>Distances over all domains: &lt;script&gt;alert(1)&lt;/script&gt; vs real</summary>');
    expect(renderMarkdownSummary(reportWithVerdicts())).toBe(summary);
    expect(summary).toContain(HOSTILE_IMAGE.replace('<', '&lt;').replace('>', '&gt;'));
  });

  it('joinWithinLimit cuts a first block that alone is over the limit at a line end', () => {
    const joined = joinWithinLimit(['a'.repeat(50) + '\n' + 'b'.repeat(50), 'c'], 150);
    expect(joined.length).toBeLessThanOrEqual(150);
    expect(joined.startsWith('a'.repeat(50) + '\n')).toBe(true);
    expect(joined).not.toContain('b');
    expect(joined).toContain('left out');
  });
});
