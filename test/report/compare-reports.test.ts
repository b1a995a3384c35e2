import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isRealsimError } from '../../src/core/realsim-error.js';
import { compareReports, parseThresholds, readRealismReport, thresholdFor } from '../../src/report/compare-reports.js';
import { listHistoryReports, loadReportHistory, renderHistoryHtml, renderHistoryMarkdown } from '../../src/report/report-history.js';
import type { RealismReport } from '../../src/report/realism-report.js';
import { distanceRow, fixtureReport } from './report-fixture.js';

const repositoryRoot = resolve(import.meta.dirname, '..', '..');
const binary = join(repositoryRoot, 'bin', 'realsim.js');
const workDirectory = mkdtempSync(join(tmpdir(), 'realsim-compare-'));
afterAll(() => rmSync(workDirectory, { recursive: true, force: true }));

function oneRowReport(rows: ReturnType<typeof distanceRow>[]): RealismReport {
  return { ...fixtureReport(), distances: rows };
}

function errorOf(action: () => unknown): { code: string; message: string } {
  try {
    action();
  } catch (error) {
    if (isRealsimError(error)) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error('expected an error');
}

describe('compareReports', () => {
  it('finds no regression between a report and itself', () => {
    const report = fixtureReport();
    const result = compareReports(report, report);
    expect(result.regressed).toEqual([]);
    expect(result.changes.every((change) => change.status === 'within threshold' && change.change === 0)).toBe(true);
  });

  it('flags a distance whose current interval low is above baseline + threshold, and reports the values', () => {
    // baseline tvd 10 (noise floor 1.5 → default threshold 1.5); current 20 [17, 23]: 17 > 10 + 1.5 → regressed, change +10
    const baseline = oneRowReport([distanceRow({})]);
    const current = oneRowReport([distanceRow({ value: 20, ciLow: 17, ciHigh: 23 })]);
    const result = compareReports(baseline, current);
    expect(result.regressed).toHaveLength(1);
    expect(result.regressed[0]).toMatchObject({ before: 10, after: 20, change: 10, threshold: 1.5, thresholdSource: 'noise floor' });
    expect(result.markdown).toContain('| regressed | sim-a vs real | intent | intent | all | 10.00 | 20.00 | +10.00 | 17.00 – 23.00 | 1.50 (noise floor) | TVD × 100 over tag occurrences (no none category) |');
    expect(result.markdown).toContain('**1 distance regressed**');
  });

  it('does not flag growth that stays inside the interval or the threshold', () => {
    // current 13 [11, 15]: 11 ≤ 10 + 1.5 → within threshold although the value grew by 3
    const result = compareReports(oneRowReport([distanceRow({})]), oneRowReport([distanceRow({ value: 13, ciLow: 11, ciHigh: 15 })]));
    expect(result.regressed).toEqual([]);
    expect(result.changes[0]?.status).toBe('within threshold');
    // a threshold file entry of 8 for intent.intent absorbs even the big jump: 17 ≤ 10 + 8
    const lenient = compareReports(oneRowReport([distanceRow({})]), oneRowReport([distanceRow({ value: 20, ciLow: 17, ciHigh: 23 })]), {
      thresholds: { 'intent.intent': 8 },
    });
    expect(lenient.regressed).toEqual([]);
    expect(lenient.changes[0]?.thresholdSource).toBe('file: intent.intent');
  });

  it('treats centroid cosine as a similarity: a drop is a regression', () => {
    // baseline 0.95, floor 0.99 → threshold 1 − 0.99 = 0.01; current 0.80 [0.75, 0.85]: 0.85 < 0.95 − 0.01 → regressed
    const row = { dimension: 'knowledge', measure: 'statements', metric: 'centroid_cosine', value: 0.95, ciLow: 0.93, ciHigh: 0.97, noiseFloor: 0.99 };
    const result = compareReports(oneRowReport([distanceRow(row)]), oneRowReport([distanceRow({ ...row, value: 0.8, ciLow: 0.75, ciHigh: 0.85 })]));
    expect(result.regressed).toHaveLength(1);
    expect(result.regressed[0]?.threshold).toBeCloseTo(0.01, 10);
    // a rise in similarity is an improvement
    const better = compareReports(oneRowReport([distanceRow(row)]), oneRowReport([distanceRow({ ...row, value: 0.99, ciLow: 0.985, ciHigh: 0.995 })]));
    expect(better.changes[0]?.status).toBe('improved');
  });

  it('uses file thresholds before the noise floor, and fixed defaults when there is no floor', () => {
    expect(thresholdFor(distanceRow({}), { default: 3 })).toEqual({ threshold: 3, source: 'file: default' });
    expect(thresholdFor(distanceRow({ noiseFloor: null }), {})).toEqual({ threshold: 2, source: 'default 2' });
    // wasserstein without floor: 10% of the baseline value 30 = 3
    expect(thresholdFor(distanceRow({ metric: 'wasserstein1', value: 30, noiseFloor: null }), {}).threshold).toBeCloseTo(3, 10);
  });

  it('lists rows only in one report as added / removed without failing', () => {
    const result = compareReports(oneRowReport([distanceRow({})]), oneRowReport([distanceRow({ measure: 'other' })]));
    expect(result.changes.map((change) => change.status).sort()).toEqual(['added', 'removed']);
    expect(result.regressed).toEqual([]);
  });
});

describe('threshold and report errors', () => {
  it('rejects bad threshold files with one-line CONFIG errors', () => {
    expect(errorOf(() => parseThresholds('{"default": -1}', 't.json'))).toEqual({ code: 'CONFIG', message: 't.json: "default": expected a number ≥ 0 in the measure\'s unit, found "-1"' });
    expect(errorOf(() => parseThresholds('{"intent": 2}', 't.json')).message).toBe('t.json: expected keys "default" or "<dimension>.<measure>", found "intent"');
    expect(errorOf(() => parseThresholds('[1]', 't.json')).message).toContain('expected a JSON object');
    expect(errorOf(() => parseThresholds('{oops', 't.json')).message).toMatch(/^t\.json: expected a JSON object of thresholds, found a syntax error/);
    expect(parseThresholds('{"default": 2, "length.user_words": 15}', 't.json')).toEqual({ default: 2, 'length.user_words': 15 });
  });

  it('rejects unreadable, invalid and other-schema reports with REPORT_INVALID', () => {
    const missing = join(workDirectory, 'missing.json');
    expect(errorOf(() => readRealismReport(missing))).toEqual({ code: 'REPORT_INVALID', message: `${missing}: expected a readable report.json, found no such file` });
    const broken = join(workDirectory, 'broken.json');
    writeFileSync(broken, '{"schemaVersion": ');
    expect(errorOf(() => readRealismReport(broken)).message).toMatch(/broken\.json: expected valid JSON, found a syntax error/);
    const otherSchema = join(workDirectory, 'v2.json');
    writeFileSync(otherSchema, JSON.stringify({ ...fixtureReport(), schemaVersion: '2.0.0' }));
    expect(errorOf(() => readRealismReport(otherSchema)).message).toBe(`${otherSchema}: expected report schema 1.x (this realsim reads 1.4.0), found "2.0.0"`);
    const badRow = join(workDirectory, 'bad-row.json');
    writeFileSync(badRow, JSON.stringify({ ...fixtureReport(), distances: [{ ...distanceRow({}), value: 'high' }] }));
    expect(errorOf(() => readRealismReport(badRow)).message).toBe(`${badRow}: distances[0].value: expected a number or null, found "high"`);
  });
});

describe('realsim compare (built CLI)', () => {
  const baselinePath = join(workDirectory, 'baseline.json');
  const worsePath = join(workDirectory, 'worse.json');
  const report = fixtureReport();
  writeFileSync(baselinePath, JSON.stringify(report));
  // the same run made worse: every length distance raised far beyond its interval (30 → 90, interval 85–95)
  const worse: RealismReport = {
    ...report,
    distances: report.distances.map((row) => (row.dimension === 'length' ? { ...row, value: row.value! + 60, ciLow: row.ciLow! + 60, ciHigh: row.ciHigh! + 60 } : row)),
  };
  writeFileSync(worsePath, JSON.stringify(worse));
  const run = (...args: string[]) => spawnSync(process.execPath, [binary, ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });

  it('exits 0 on the same run twice', () => {
    const result = run('compare', baselinePath, baselinePath);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('No distance regressed');
    expect(result.stdout).not.toContain('set-up changed');
  });

  it('exits 1 on a run made worse, naming the regressed distances on one stderr line', () => {
    const result = run('compare', baselinePath, worsePath);
    expect(result.status).toBe(1);
    // 2 simulators × 3 domains of length.user_words grew; the 2 email rows (12 real dialogues < 30) are shown
    // as "too few dialogues" and do not fail the gate
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/^realsim: compare: 4 distances regressed: length\.user_words \(all\), length\.user_words \(travel\)/);
    expect(result.stdout).toContain('**4 distances regressed**');
    expect((result.stdout.match(/^\| too few dialogues \|/gm) ?? []).length).toBe(2);
    // with no minimum, the email rows fail too
    expect(run('compare', baselinePath, worsePath, '--min-domain-dialogues', '0').stderr).toMatch(/^realsim: compare: 6 distances regressed/);
  });

  it('exits 0 when a threshold file allows the change, 2 with a one-line reason for a bad one', () => {
    const lenient = join(workDirectory, 'lenient.json');
    writeFileSync(lenient, JSON.stringify({ 'length.user_words': 100 }));
    expect(run('compare', baselinePath, worsePath, '--threshold-file', lenient).status).toBe(0);
    const bad = join(workDirectory, 'bad-thresholds.json');
    writeFileSync(bad, JSON.stringify({ default: 'two' }));
    const result = run('compare', baselinePath, worsePath, '--threshold-file', bad);
    expect(result.status).toBe(2);
    expect(result.stderr).toBe(`realsim: compare: cannot compare: ${bad}: "default": expected a number ≥ 0 in the measure's unit, found "two"\n`);
    const negative = join(workDirectory, 'negative-thresholds.json');
    writeFileSync(negative, '{"length.user_words": -1}');
    expect(run('compare', baselinePath, worsePath, '--threshold-file', negative).status).toBe(2);
  });

  it('exits 2 for a misspelt threshold key, naming it', () => {
    const misspelt = join(workDirectory, 'misspelt.json');
    writeFileSync(misspelt, JSON.stringify({ 'length.user_word': 100 }));
    const result = run('compare', baselinePath, worsePath, '--threshold-file', misspelt);
    expect(result.status).toBe(2);
    expect(result.stderr).toBe(
      `realsim: compare: cannot compare: ${misspelt}: expected "default" or a measure of the reports (intent.intent, knowledge.statements, length.user_words), found "length.user_word"\n`,
    );
  });

  it('exits 2 for a threshold file that gives a key twice', () => {
    const twice = join(workDirectory, 'twice.json');
    writeFileSync(twice, '{"length.user_words": 100, "length.user_words": 1}');
    const result = run('compare', baselinePath, worsePath, '--threshold-file', twice);
    expect(result.status).toBe(2);
    expect(result.stderr).toBe(`realsim: compare: cannot compare: ${twice}: expected each key once, found "length.user_words" more than once\n`);
  });

  it('exits 2 with one line for a missing file and for a file that is not a report', () => {
    const missing = join(workDirectory, 'nowhere.json');
    const absent = run('compare', baselinePath, missing);
    expect(absent.status).toBe(2);
    expect(absent.stderr).toBe(`realsim: compare: cannot compare: ${missing}: expected a readable report.json, found no such file\n`);
    const notReport = join(workDirectory, 'not-report.json');
    writeFileSync(notReport, JSON.stringify({ hello: 1 }));
    const result = run('compare', notReport, baselinePath);
    expect(result.status).toBe(2);
    expect(result.stderr).toBe(`realsim: compare: cannot compare: ${notReport}: expected a "schemaVersion" string (a realsim report.json), found "none"\n`);
  });

  it('exits 2 for a report of another schema major', () => {
    const otherMajor = join(workDirectory, 'major-2.json');
    writeFileSync(otherMajor, JSON.stringify({ ...report, schemaVersion: '2.0.0' }));
    const result = run('compare', baselinePath, otherMajor);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^realsim: compare: cannot compare: .*expected report schema 1\.x .*found "2\.0\.0"\n$/);
  });

  it('exits 2 when a dimension switched backend (rules → llm), naming it; --allow-changed-setup compares with a warning', () => {
    const switched = join(workDirectory, 'switched.json');
    const llmBackend = 'llm gpt-4o-mini (temperature 0)';
    writeFileSync(
      switched,
      JSON.stringify({
        ...report,
        dimensions: report.dimensions.map((dimension) => (dimension.id === 'intent' ? { ...dimension, backend: llmBackend } : dimension)),
        distances: report.distances.map((row) => (row.dimension === 'intent' ? { ...row, backend: llmBackend } : row)),
      }),
    );
    const refused = run('compare', baselinePath, switched);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toBe(
      'realsim: compare: cannot compare: the set-up changed (use --allow-changed-setup to compare anyway): dimension intent: backend changed from "intent-rules@1 (test)" to "llm gpt-4o-mini (temperature 0)"\n',
    );
    const allowed = run('compare', baselinePath, switched, '--allow-changed-setup');
    expect(allowed.status).toBe(0);
    expect(allowed.stderr).toBe('realsim: compare: warning: set-up changed: dimension intent: backend changed from "intent-rules@1 (test)" to "llm gpt-4o-mini (temperature 0)"\n');
    expect(allowed.stdout).toContain('**The set-up changed** (compared anyway, --allow-changed-setup):');
  });

  it('exits 2 when the real set\'s files changed', () => {
    const otherReal = join(workDirectory, 'other-real.json');
    writeFileSync(
      otherReal,
      JSON.stringify({ ...report, inputs: report.inputs.map((input) => (input.kind === 'real' ? { ...input, files: [{ ...input.files[0], sha256: 'b'.repeat(64) }] } : input)) }),
    );
    const result = run('compare', baselinePath, otherReal);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('real set real: input files changed (sha256 aaaaaaaaaaaa → bbbbbbbbbbbb)');
  });

  it('exits 2 when the real dialogues changed (their content hash), whatever the input files', () => {
    const withContent = join(workDirectory, 'with-content.json');
    const otherContent = join(workDirectory, 'other-content.json');
    const stamped = (hash: string): RealismReport => ({ ...report, inputs: report.inputs.map((input) => ({ ...input, contentSha256: hash })) });
    writeFileSync(withContent, JSON.stringify(stamped('c'.repeat(64))));
    writeFileSync(otherContent, JSON.stringify(stamped('d'.repeat(64))));
    expect(run('compare', withContent, withContent).status).toBe(0);
    const result = run('compare', withContent, otherContent);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('real set real: dialogues changed (content sha256 cccccccccccc → dddddddddddd)');
  });

  it('exits 2 for a renamed simulator, even with --allow-changed-setup when no row is left in common', () => {
    const renamed = join(workDirectory, 'renamed.json');
    writeFileSync(renamed, JSON.stringify({ ...report, distances: report.distances.map((row) => ({ ...row, simulated: `${row.simulated} v2` })) }));
    const result = run('compare', baselinePath, renamed);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('no distance row of the baseline is in the current report (every row removed or added: renamed simulator or real set?)');
    expect(result.stderr).toContain(`comparison ${report.distances[0]?.simulated} vs real: in the baseline, not in the current report (current has`);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(run('compare', baselinePath, renamed, '--allow-changed-setup').status).toBe(2);
  });

  it('exits 2 for a current report without distance rows', () => {
    const empty = join(workDirectory, 'no-rows.json');
    writeFileSync(empty, JSON.stringify({ ...report, distances: [] }));
    const result = run('compare', baselinePath, empty);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^realsim: compare: cannot compare: the current report has no distance rows/);
  });
});

describe('history', () => {
  const historyDirectory = join(workDirectory, 'history');
  const runs = ['2024-03-02', '2024-03-01', '2024-03-10'];
  runs.forEach((name, index) => {
    mkdirSync(join(historyDirectory, name), { recursive: true });
    const report = fixtureReport();
    // intent distances rise by 2 × (position in the input list)
    report.distances = report.distances.map((row) => (row.dimension === 'intent' ? { ...row, value: row.value! + 2 * index } : row));
    writeFileSync(join(historyDirectory, name, 'report.json'), JSON.stringify(report));
  });
  mkdirSync(join(historyDirectory, 'notes'), { recursive: true });

  it('finds runs in subfolders and orders them by name, skipping folders without report.json', () => {
    expect(listHistoryReports(historyDirectory).map((run) => run.name)).toEqual(['2024-03-01', '2024-03-02', '2024-03-10']);
  });

  it('writes a trend chart per headline distance, in run order', () => {
    const loaded = loadReportHistory(historyDirectory);
    const html = renderHistoryHtml(loaded);
    expect((html.match(/<figure class="chart"><svg /g) ?? []).length).toBe(3);
    expect(html).not.toMatch(/<script/i);
    const markdown = renderHistoryMarkdown(loaded);
    // first column = the img-named simulator (comparisons sorted by name, "<i" < "<s"): base 15, plus 2 × write order:
    // 2024-03-01 was written second (15 + 2), 2024-03-02 first (15), 2024-03-10 third (15 + 4)
    const intentRows = markdown.split('## intent')[1]?.split('##')[0] ?? '';
    const values = [...intentRows.matchAll(/^\| (2024-03-\d\d) \| (\d+\.\d\d)/gm)].map((match) => [match[1], match[2]]);
    expect(values).toEqual([
      ['2024-03-01', '17.00'],
      ['2024-03-02', '15.00'],
      ['2024-03-10', '19.00'],
    ]);
  });

  it('marks a run whose set-up changed and has a table per domain', () => {
    const changedDirectory = join(workDirectory, 'history-changed');
    for (const [name, backend] of [['2024-04-01', 'intent-rules@1 (test)'], ['2024-04-02', 'llm gpt-4o-mini (test)']] as const) {
      mkdirSync(join(changedDirectory, name), { recursive: true });
      const report = fixtureReport();
      report.dimensions = report.dimensions.map((dimension) => (dimension.id === 'intent' ? { ...dimension, backend } : dimension));
      writeFileSync(join(changedDirectory, name, 'report.json'), JSON.stringify(report));
    }
    const loaded = loadReportHistory(changedDirectory);
    const markdown = renderHistoryMarkdown(loaded);
    expect(markdown).toContain('- **2024-04-02**: dimension intent: backend changed from "intent-rules@1 (test)" to "llm gpt-4o-mini (test)"');
    expect(markdown).toContain('| 2024-04-02 (set-up changed) |');
    expect(markdown).toContain('## Domain email');
    expect(markdown).toContain('## Domain travel');
    expect(renderHistoryHtml(loaded)).toContain('dimension intent: backend changed from &quot;intent-rules@1 (test)&quot; to &quot;llm gpt-4o-mini (test)&quot;');
  });

  it('history CLI writes history.html and history.md', () => {
    const result = spawnSync(process.execPath, [binary, 'history', historyDirectory], { encoding: 'utf8' });
    expect(result.status).toBe(0);
    expect(readFileSync(join(historyDirectory, 'history.md'), 'utf8')).toContain('3 runs, oldest first: 2024-03-01, 2024-03-02, 2024-03-10');
    expect(readFileSync(join(historyDirectory, 'history.html'), 'utf8')).toContain('<svg');
  });

  it('says so in one line when the folder holds no report', () => {
    const empty = join(workDirectory, 'empty');
    mkdirSync(empty, { recursive: true });
    const result = spawnSync(process.execPath, [binary, 'history', empty], { encoding: 'utf8' });
    expect(result.status).toBe(1);
    expect(result.stderr).toBe(`realsim: history: expected report.json files in "${empty}" or its subfolders, found none\n`);
  });
});
