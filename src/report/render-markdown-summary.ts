import type { DistanceRow } from '../core/report-rows.js';
import { compareText } from '../measure/compare-text.js';
import { distanceOverNoiseFloor } from './html-leaderboard.js';
import { escapeMarkdownText } from './markdown-escape.js';
import type { RealismReport } from './realism-report.js';

/** A PR comment takes 65,536 characters; the summary file stays under this, with room for a bot's own lines. */
export const MARKDOWN_SUMMARY_LIMIT = 60_000;

/** How many of the largest gaps the summary names. */
export const SUMMARY_GAP_COUNT = 3;

const text = escapeMarkdownText;

function formatValue(value: number | null | undefined, decimals: number): string {
  return value === null || value === undefined || !Number.isFinite(value) ? '–' : value.toFixed(decimals);
}

const decimalsOf = (row: Pick<DistanceRow, 'metric'>): number => (row.metric === 'centroid_cosine' ? 4 : 2);

/** The row's unit as the report states it: "Wasserstein-1, words per dialogue", "TVD × 100 over …", "cosine similarity …". */
export function distanceUnitText(row: Pick<DistanceRow, 'metric' | 'unit'>): string {
  return row.metric === 'wasserstein1' ? `Wasserstein-1, ${row.unit}` : row.unit;
}

/**
 * Size of a gap comparable across units: the corrected distance (the plug-in when there is none) in noise
 * floors of its real set (cosine: (1 − cosine) ÷ (1 − floor)); null without a floor.
 */
export function gapSizeInNoiseFloors(row: DistanceRow): number | null {
  return distanceOverNoiseFloor({ metric: row.metric, value: row.corrected ?? row.value, noiseFloor: row.noiseFloor });
}

/**
 * The `count` largest real gaps of the report: rows over all domains whose verdict is "gap" (q ≤ 0.05),
 * largest gapSizeInNoiseFloors first (rows without a floor last), ties by simulator, dimension, measure.
 */
export function largestRealGaps(report: Pick<RealismReport, 'distances'>, count = SUMMARY_GAP_COUNT): DistanceRow[] {
  const size = (row: DistanceRow): number => gapSizeInNoiseFloors(row) ?? Number.NEGATIVE_INFINITY;
  return report.distances
    .filter((row) => row.domain === 'all' && row.verdict === 'gap')
    .sort(
      (a, b) =>
        size(b) - size(a) ||
        compareText(a.simulated, b.simulated) ||
        compareText(a.real, b.real) ||
        compareText(a.dimension, b.dimension) ||
        compareText(a.measure, b.measure),
    )
    .slice(0, count);
}

/** One line per comparison: its verdict over the rows of all domains, its leaderboard rank and its two-sample AUC. */
export function simulatorVerdictLines(report: RealismReport): string[] {
  return report.comparisons.map((comparison) => {
    const rows = report.distances.filter((row) => row.real === comparison.real && row.simulated === comparison.simulated && row.domain === 'all' && row.value !== null);
    const gaps = rows.filter((row) => row.verdict === 'gap');
    const flagged = gaps.filter((row) => row.annotatorFlag !== undefined).length;
    const verdict =
      gaps.length === 0
        ? `no detectable gap on any of ${rows.length} measures`
        : `gap on ${gaps.length} of ${rows.length} measures (${[...new Set(gaps.map((row) => row.dimension))].join(', ')})` +
          (flagged > 0 ? `, ${flagged} of them from an annotator not above its majority baseline` : '');
    const board = report.leaderboard?.find((row) => row.real === comparison.real && row.simulated === comparison.simulated);
    const rank =
      board === undefined || report.comparisons.filter((other) => other.real === comparison.real).length < 2
        ? ''
        : `; leaderboard rank ${board.rank} (95% rank interval ${board.rankLow === board.rankHigh ? board.rankLow : `${board.rankLow}–${board.rankHigh}`}), score ${formatValue(board.score, 2)} noise floors [${formatValue(board.ciLow, 2)} – ${formatValue(board.ciHigh, 2)}]`;
    const test = report.twoSampleTests?.find((row) => row.real === comparison.real && row.simulated === comparison.simulated);
    const auc = test === undefined || test.auc === null ? '' : `; two-sample AUC ${formatValue(test.auc, 3)} [${formatValue(test.ciLow, 3)} – ${formatValue(test.ciHigh, 3)}] (0.5 = indistinguishable)`;
    return `- **${text(comparison.simulated)}** vs ${text(comparison.real)}: ${verdict}${rank}${auc}.`;
  });
}

/** One line per gap of largestRealGaps, with its unit, interval and q. */
export function largestGapLines(report: RealismReport): string[] {
  return largestRealGaps(report).map((row, index) => {
    const decimals = decimalsOf(row);
    const means = row.meanReal !== null && row.meanSimulated !== null ? `; mean ${formatValue(row.meanReal, 2)} real vs ${formatValue(row.meanSimulated, 2)} simulated` : '';
    const size = gapSizeInNoiseFloors(row);
    const flag = row.annotatorFlag === undefined ? '' : ' ⚠ annotator not above majority baseline';
    return (
      `${index + 1}. **${text(row.dimension)} · ${text(row.measure)}**, ${text(row.simulated)} vs ${text(row.real)}: ` +
      `${formatValue(row.corrected ?? row.value, decimals)} ${text(distanceUnitText(row))} (corrected; plug-in ${formatValue(row.value, decimals)}, ` +
      `interval ${formatValue(row.ciLow, decimals)} – ${formatValue(row.ciHigh, decimals)}, q ${formatValue(row.qValue, 3)}` +
      `${size === null ? '' : `, ${formatValue(size, 1)} noise floors`})${means}${flag}.`
    );
  });
}

/** The "## Summary" section that opens report.md and the summary file. */
export function summarySection(report: RealismReport): string {
  const verdicts = simulatorVerdictLines(report);
  const gaps = largestGapLines(report);
  return [
    '## Summary',
    verdicts.length === 0 ? 'No simulator was compared in this run.' : verdicts.join('\n'),
    `**Largest gaps** (over all domains, verdict "gap" = q ≤ 0.05, ordered by corrected distance in real-vs-real noise floors):`,
    gaps.length === 0 ? 'None: no distance over all domains has q ≤ 0.05.' : gaps.join('\n'),
  ].join('\n\n');
}

/** A collapsed block: `title` is escaped Markdown text; GitHub renders the Markdown body inside. */
export function detailsBlock(title: string, body: string): string {
  return `<details><summary>${title}</summary>\n\n${body}\n\n</details>`;
}

/**
 * Joins `blocks` in order while the result stays under `limit` characters; a block that does not fit is
 * left out (later, smaller ones may still fit) and counted in a closing note. A first block longer than the
 * limit is cut at a line end. Pure and deterministic.
 */
export function joinWithinLimit(blocks: readonly string[], limit: number): string {
  const separator = '\n\n';
  const note = (left: number): string => `_${left} section${left === 1 ? '' : 's'} left out to stay under ${limit} characters: see report.md and report.html._`;
  const reserve = note(blocks.length).length + separator.length + 1;
  const kept: string[] = [];
  let length = 0;
  let leftOut = 0;
  for (const block of blocks) {
    const added = (kept.length === 0 ? 0 : separator.length) + block.length;
    if (length + added + reserve <= limit) {
      kept.push(block);
      length += added;
    } else if (kept.length === 0) {
      const lines = block.split('\n');
      const fitted: string[] = [];
      let fittedLength = 0;
      for (const line of lines) {
        if (fittedLength + line.length + 1 + reserve > limit) break;
        fitted.push(line);
        fittedLength += line.length + 1;
      }
      kept.push(fitted.join('\n'));
      length += fittedLength;
      leftOut += 1;
    } else {
      leftOut += 1;
    }
  }
  if (leftOut > 0) kept.push(note(leftOut));
  return `${kept.join(separator)}\n`;
}
