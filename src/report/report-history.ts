import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { RealsimError, quoteForMessage } from '../core/realsim-error.js';
import { trendChartSpec } from './chart-trend.js';
import { renderChartToSvg } from './chart-to-svg.js';
import { readRealismReport } from './compare-reports.js';
import { escapeHtml } from './html-escape.js';
import { headlineMeasures } from './html-leaderboard.js';
import { htmlPage } from './html-page.js';
import { htmlTable } from './html-table.js';
import type { RealismReport } from './realism-report.js';
import { findSetupChanges } from './find-setup-changes.js';
import { formatNumber } from './render-markdown-report.js';

export interface HistoryRun {
  /** The run's name: its subfolder, or the file name without ".report.json". Runs are ordered by it. */
  name: string;
  path: string;
  report: RealismReport;
}

/**
 * Finds the reports of a history folder: `<dir>/report.json`, `<dir>/*.report.json` and
 * `<dir>/<run>/report.json`, ordered by run name (so date-stamped folders read oldest → newest).
 */
export function listHistoryReports(directory: string): Array<{ name: string; path: string }> {
  if (!existsSync(directory) || !statSync(directory).isDirectory()) {
    throw new RealsimError('INPUT_NOT_FOUND', `history: expected a folder of report.json files, found ${quoteForMessage(directory)} (${existsSync(directory) ? 'not a folder' : 'no such path'})`);
  }
  const found: Array<{ name: string; path: string }> = [];
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    const path = join(directory, entry.name);
    if (entry.isDirectory() && existsSync(join(path, 'report.json'))) found.push({ name: entry.name, path: join(path, 'report.json') });
    else if (entry.isFile() && entry.name === 'report.json') found.push({ name: basename(resolve(directory)), path });
    else if (entry.isFile() && entry.name.endsWith('.report.json')) found.push({ name: entry.name.slice(0, -'.report.json'.length), path });
  }
  found.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.path < b.path ? -1 : 1));
  if (found.length === 0) {
    throw new RealsimError('INPUT_EMPTY', `history: expected report.json files in ${quoteForMessage(directory)} or its subfolders, found none`);
  }
  return found;
}

export function loadReportHistory(directory: string): HistoryRun[] {
  return listHistoryReports(directory).map(({ name, path }) => ({ name, path, report: readRealismReport(path) }));
}

interface TrendSeries {
  dimension: string;
  measure: string;
  unit: string;
  backend: string;
  comparisons: string[];
  points: Array<{ run: string; comparison: string; value: number; ciLow: number | null; ciHigh: number | null; noiseFloor: number | null }>;
}

/**
 * Per run, what changed in its set-up since the run before it (findSetupChanges; none for the first run): a
 * distance that moved in such a run may have moved for that reason rather than the simulator.
 */
export function setupChangesOfRuns(runs: readonly HistoryRun[]): string[][] {
  return runs.map((run, index) => (index === 0 ? [] : findSetupChanges((runs[index - 1] as HistoryRun).report, run.report)));
}

/** Domains other than "all" with a headline distance row in any run, in code-unit order. */
export function historyDomains(runs: readonly HistoryRun[]): string[] {
  return [...new Set(runs.flatMap((run) => run.report.distances.map((row) => row.domain)))].filter((domain) => domain !== 'all').sort();
}

/** Headline distances of one domain ("all" unless given) of every run, one series per dimension's headline measure. */
export function collectTrendSeries(runs: HistoryRun[], domain = 'all'): TrendSeries[] {
  const latest = runs[runs.length - 1];
  if (!latest) return [];
  const headlines = headlineMeasures(latest.report);
  return headlines.map(({ dimension, measure }) => {
    const points: TrendSeries['points'] = [];
    let unit = '';
    let backend = '';
    for (const run of runs) {
      for (const row of run.report.distances) {
        if (row.dimension !== dimension || row.measure !== measure || row.domain !== domain || row.value === null) continue;
        unit = row.metric === 'wasserstein1' ? `Wasserstein-1, ${row.unit}` : row.unit;
        backend = row.backend.split(' ')[0] ?? row.backend;
        points.push({ run: run.name, comparison: `${row.simulated} vs ${row.real}`, value: row.value, ciLow: row.ciLow, ciHigh: row.ciHigh, noiseFloor: row.noiseFloor });
      }
    }
    return { dimension, measure, unit, backend, comparisons: [...new Set(points.map((point) => point.comparison))].sort(), points };
  });
}

/** Pure: runs → history.md (the runs with their set-up changes, then tables of each headline distance over runs, "all" and per domain). */
export function renderHistoryMarkdown(runs: HistoryRun[]): string {
  const lines = ['# realsim history', '', `${runs.length} runs, oldest first: ${runs.map((run) => run.name).join(', ')}`, ''];
  const setupChanges = setupChangesOfRuns(runs);
  if (setupChanges.some((changes) => changes.length > 0)) {
    lines.push('Runs whose set-up changed since the run before (their distances may have moved for that reason):', '');
    runs.forEach((run, index) => {
      const changes = setupChanges[index] ?? [];
      if (changes.length > 0) lines.push(`- **${run.name}**: ${changes.join('; ').replace(/\|/g, '\\|')}`);
    });
    lines.push('');
  }
  const marked = (run: HistoryRun, index: number): string => ((setupChanges[index]?.length ?? 0) > 0 ? `${run.name} (set-up changed)` : run.name);
  const seriesTable = (series: TrendSeries, heading: string): void => {
    lines.push(`${heading} ${series.dimension} · ${series.measure} (${series.unit}; ${series.backend})`, '');
    lines.push(`| run | ${series.comparisons.join(' | ')} |`, `| --- | ${series.comparisons.map(() => '---').join(' | ')} |`);
    runs.forEach((run, index) => {
      const cells = series.comparisons.map((comparison) => {
        const point = series.points.find((candidate) => candidate.run === run.name && candidate.comparison === comparison);
        return point ? `${formatNumber(point.value)} [${formatNumber(point.ciLow)} – ${formatNumber(point.ciHigh)}] (floor ${formatNumber(point.noiseFloor)})` : '–';
      });
      lines.push(`| ${[marked(run, index), ...cells].map((cell) => cell.replace(/\|/g, '\\|')).join(' | ')} |`);
    });
    lines.push('');
  };
  for (const series of collectTrendSeries(runs)) seriesTable(series, '##');
  for (const domain of historyDomains(runs)) {
    const domainSeries = collectTrendSeries(runs, domain).filter((series) => series.points.length > 0);
    if (domainSeries.length === 0) continue;
    lines.push(`## Domain ${domain}`, '');
    for (const series of domainSeries) seriesTable(series, '###');
  }
  return `${lines.join('\n')}\n`;
}

/** Pure: runs → history.html (one SVG trend chart per headline distance, plus its table). */
export function renderHistoryHtml(runs: HistoryRun[]): string {
  const runNames = runs.map((run) => run.name);
  const setupChanges = setupChangesOfRuns(runs);
  const parts = [
    '<h1>realsim history</h1>',
    `<p class="meta">${escapeHtml(String(runs.length))} runs, oldest first (ordered by folder name). Each chart: the headline distance of one dimension over runs ` +
      '(domain "all"); line = distance, band = its interval, dashed red = real-vs-real noise floor. No scripts; charts are inline SVG.</p>',
    htmlTable(
      ['run', 'report', 'set-up changed since the run before'],
      runs.map((run, index) => [
        run.name,
        { html: `<span class="path">${escapeHtml(run.path)}</span>` },
        (setupChanges[index] ?? []).join('; ') || '–',
      ]),
    ),
  ];
  let chartNumber = 0;
  const figures: string[] = [];
  for (const series of collectTrendSeries(runs)) {
    if (series.points.length === 0) continue;
    chartNumber += 1;
    const svg = renderChartToSvg(
      trendChartSpec({
        title: `${series.dimension} · ${series.measure}`,
        subtitle: `${series.unit} · ${series.backend}`,
        unit: series.unit,
        runs: runNames,
        comparisons: series.comparisons,
        rows: series.points,
      }),
      `trend${chartNumber}`,
    );
    figures.push(`<figure class="chart">${svg}<figcaption>${escapeHtml(`${series.dimension}.${series.measure} over runs, in ${series.unit}; backend ${series.backend}.`)}</figcaption></figure>`);
  }
  parts.push(`<div class="figures">${figures.join('\n')}</div>`);
  return htmlPage('realsim history', parts.join('\n'));
}
