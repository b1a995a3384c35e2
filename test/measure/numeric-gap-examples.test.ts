import { describe, expect, it } from 'vitest';
import type { Dialogue, DialogueSet } from '../../src/core/dialogue.js';
import type { MeasuredSet } from '../../src/measure/measured-set.js';
import { numericGapRowsWithExamples, selectNumericGapExamples } from '../../src/measure/select-numeric-gap-examples.js';
import { renderHtmlReport } from '../../src/report/render-html-report.js';
import { renderMarkdownReport } from '../../src/report/render-markdown-report.js';
import { HOSTILE_SCRIPT, distanceRow, fixtureReport } from '../report/report-fixture.js';

function dialogue(id: string, domain: string, userTexts: string[]): Dialogue {
  return { id, source: 't', domain, turns: userTexts.flatMap((text) => [{ role: 'user' as const, text }, { role: 'assistant' as const, text: 'ok' }]), aside: [], origin: { file: 'x', format: 'jsonl' } };
}

/** Real: words 10, 20, 30, 40 (travel, travel, mail, mail); simulated: words 50, 90, 70 (travel, travel, mail). */
function fixture(): { sets: DialogueSet[]; measuredSets: MeasuredSet[] } {
  const real = [
    ['r1', 'travel', 10],
    ['r2', 'travel', 20],
    ['r3', 'mail', 30],
    ['r4', 'mail', 40],
  ] as const;
  const simulated = [
    ['s1', 'travel', 50],
    ['s2', 'travel', 90],
    ['s3', 'mail', 70],
  ] as const;
  const setOf = (name: string, kind: 'real' | 'simulated', rows: ReadonlyArray<readonly [string, string, number]>): [DialogueSet, MeasuredSet] => [
    { name, kind, fingerprints: [], format: 'jsonl', dialogues: rows.map(([id, domain, words]) => dialogue(id, domain, ['short', `${id} ${HOSTILE_SCRIPT} ${'w '.repeat(words)}`])) },
    { name, kind, backends: { length: 'x' }, dialogues: rows.map(([id, domain, words]) => ({ id, domain, annotations: { length: { dialogueId: id, numeric: { user_words: words }, categorical: {} } } })) },
  ];
  const [realSet, realMeasured] = setOf('real', 'real', real);
  const [simulatedSet, simulatedMeasured] = setOf('sim', 'simulated', simulated);
  return { sets: [realSet, simulatedSet], measuredSets: [realMeasured, simulatedMeasured] };
}

const lengthGap = (domain: string, value: number) =>
  distanceRow({ dimension: 'length', measure: 'user_words', metric: 'wasserstein1', unit: 'words per dialogue', simulated: 'sim', domain, value, corrected: value, noiseFloor: 5, meanReal: 25, meanSimulated: 70, verdict: 'gap' });

describe('examples behind numeric gaps', () => {
  it('shows the most extreme simulated dialogue in the gap direction beside the real median, over all domains and per domain', () => {
    const { sets, measuredSets } = fixture();
    const distances = [lengthGap('all', 45), lengthGap('travel', 55), lengthGap('mail', 35), { ...lengthGap('all', 1), measure: 'other', verdict: 'no detectable gap' as const }];
    const rows = selectNumericGapExamples({ comparisons: [{ real: 'real', simulated: 'sim' }], distances, sets, measuredSets });
    expect(rows.map((row) => [row.domain, row.simulatedExtreme.dialogueId, row.simulatedExtreme.value, row.realMedian.dialogueId, row.realMedian.value])).toEqual([
      ['all', 's2', 90, 'r2', 20],
      ['mail', 's3', 70, 'r3', 30],
      ['travel', 's2', 90, 'r1', 10],
    ]);
    expect(rows[0]?.direction).toBe('higher');
    // the longest user turn, cut to 400 characters
    expect(rows[0]?.simulatedExtreme.userTurn).toBe(2);
    expect(rows[0]?.simulatedExtreme.truncated).toBe(false);
    expect(rows[0]?.simulatedExtreme.text.startsWith(`s2 ${HOSTILE_SCRIPT}`)).toBe(true);
  });

  it('picks the lowest simulated value when the simulator is lower, and at most 3 gaps over all domains', () => {
    const { sets, measuredSets } = fixture();
    const lower = { ...lengthGap('all', 45), meanSimulated: 5 };
    expect(selectNumericGapExamples({ comparisons: [{ real: 'real', simulated: 'sim' }], distances: [lower], sets, measuredSets })[0]?.simulatedExtreme.dialogueId).toBe('s1');
    const many = ['a', 'b', 'c', 'd'].map((measure, index) => ({ ...lengthGap('all', 10 + index), measure }));
    expect(numericGapRowsWithExamples(many).map((row) => row.measure)).toEqual(['d', 'c', 'b']);
  });

  it('renders them escaped in report.md and report.html', () => {
    const { sets, measuredSets } = fixture();
    const report = fixtureReport();
    report.comparisons = [{ real: 'real', simulated: 'sim', paired: true, pairs: 3 }];
    report.numericExamples = selectNumericGapExamples({ comparisons: report.comparisons, distances: [lengthGap('all', 45)], sets, measuredSets });
    const markdown = renderMarkdownReport(report);
    expect(markdown).toContain('### Examples behind numeric gaps');
    expect(markdown).toContain('| most high simulated (sim) | s2 · 2 | 90.00 | s2 &lt;script&gt;alert(1)&lt;/script&gt; w w');
    expect(markdown).not.toContain('<script>');
    const html = renderHtmlReport(report);
    expect(html).toContain('<h3 id="numeric-examples">Examples behind numeric gaps</h3>');
    expect(html).not.toMatch(/<script/i);
  });
});
