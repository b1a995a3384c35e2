import { describe, expect, it } from 'vitest';
import {
  annotatorFlagReason,
  evidenceFromAnnotatorValidity,
  flagDistanceRowsOfWeakAnnotators,
} from '../../src/report/flag-annotators-below-baseline.js';
import { renderHtmlReport } from '../../src/report/render-html-report.js';
import { renderMarkdownReport } from '../../src/report/render-markdown-report.js';
import { HOSTILE_SCRIPT, fixtureReport } from './report-fixture.js';

const weakEvidence = { dimension: 'intent', source: `hand labels ${HOSTILE_SCRIPT}`, microF1: 0.4, macroF1: 0.3, majorityBaselineMicroF1: 0.52, majorityBaselineMacroF1: 0.05 };

describe('annotators not above their majority baseline', () => {
  it('names the failing score and its source; says nothing when both F1 are above the baseline', () => {
    expect(annotatorFlagReason(weakEvidence)).toBe(`intent annotator not above its majority baseline: micro F1 0.400 ≤ majority baseline 0.520 (hand labels ${HOSTILE_SCRIPT})`);
    expect(annotatorFlagReason({ ...weakEvidence, microF1: 0.52, macroF1: 0.05 })).toContain('micro F1 0.520 ≤ majority baseline 0.520, macro F1 0.050 ≤ majority baseline 0.050');
    expect(annotatorFlagReason({ ...weakEvidence, microF1: 0.6 })).toBeUndefined();
  });

  it('flags every distance row of the dimension (all measures and domains) and no other', () => {
    const report = fixtureReport();
    flagDistanceRowsOfWeakAnnotators(report.distances, [weakEvidence, { ...weakEvidence, dimension: 'length', microF1: 0.9 }]);
    const intentRows = report.distances.filter((row) => row.dimension === 'intent');
    expect(intentRows.length).toBe(6);
    expect(intentRows.every((row) => row.annotatorFlag === annotatorFlagReason(weakEvidence))).toBe(true);
    expect(report.distances.filter((row) => row.dimension !== 'intent').some((row) => row.annotatorFlag !== undefined)).toBe(false);
  });

  it('takes hand-label evidence from annotatorValidity (the fixture annotator is well above its baseline)', () => {
    const report = fixtureReport();
    expect(evidenceFromAnnotatorValidity(report)).toEqual([
      { dimension: 'intent', source: `hand labels labels/${HOSTILE_SCRIPT}.jsonl, 215 turns`, microF1: 0.8577, macroF1: 0.844, majorityBaselineMicroF1: 0.2698, majorityBaselineMacroF1: 0.0504 },
    ]);
    const row = report.annotatorValidity?.[0];
    if (row) row.microF1 = 0.2;
    flagDistanceRowsOfWeakAnnotators(report.distances, evidenceFromAnnotatorValidity(report));
    expect(report.distances.filter((entry) => entry.annotatorFlag !== undefined).length).toBe(6);
  });

  it('shows the flag on the rows and the reason, escaped, in report.md and report.html', () => {
    const report = fixtureReport();
    flagDistanceRowsOfWeakAnnotators(report.distances, [weakEvidence]);
    const markdown = renderMarkdownReport(report);
    const intentLines = markdown.split('\n').filter((line) => line.startsWith('| intent |') && line.includes('over tag occurrences'));
    expect(intentLines.length).toBeGreaterThan(0);
    expect(intentLines.every((line) => line.includes('⚠ annotator not above majority baseline'))).toBe(true);
    expect(markdown).toContain('## Flagged annotators');
    expect(markdown).not.toContain('<script>');
    const html = renderHtmlReport(report);
    expect(html).not.toMatch(/<script/i);
    expect(html.match(/class="warning annotator-flag"/g)?.length).toBe(2 * 3 + 2);
    expect(html).toContain('intent annotator not above its majority baseline: micro F1 0.400 ≤ majority baseline 0.520 (hand labels &lt;script&gt;');
  });
});
