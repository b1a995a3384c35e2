import { readFileSync } from 'node:fs';
import type { DistanceRow } from '../core/report-rows.js';
import { REPORT_SCHEMA_VERSION } from '../core/report-rows.js';
import { RealsimError, quoteForMessage } from '../core/realsim-error.js';
import type { RealismReport } from './realism-report.js';
import { formatNumber } from './render-markdown-report.js';

/**
 * Regression check between two report.json files (`realsim compare`).
 *
 * A distance REGRESSED when it grew by more than its threshold AND beyond its interval:
 *   distances (tvd, wasserstein1, mean_difference): current.ciLow > baseline estimate + threshold
 *   centroid_cosine (a similarity, lower = further):  current.ciHigh < baseline estimate − threshold
 * (the baseline estimate is its bias-corrected value from report schema 1.2 on, else its plug-in value; when the
 * current interval is missing, the current value stands in for its bound). A domain row whose current sample has
 * fewer than `minimumDomainDialogues` dialogues on a side is shown but never regresses ("too few dialogues").
 *
 * Default thresholds, in each row's own unit, unless a threshold file says otherwise:
 *   the baseline row's real-vs-real noise floor (a change smaller than the distance between two halves of
 *   the real set is not called a regression); where the baseline has no noise floor: 2 points of TVD × 100
 *   for tvd, 0.02 for centroid_cosine, 10% of the baseline value for wasserstein1 and mean_difference.
 * Threshold file (JSON): { "<dimension>.<measure>": number, "default": number }. A "<dimension>.<measure>"
 * entry wins over "default", which wins over the built-in defaults. Numbers are ≥ 0, in the measure's unit.
 */

export type Thresholds = Record<string, number>;

export type ChangeStatus = 'regressed' | 'improved' | 'within threshold' | 'too few dialogues' | 'not comparable' | 'added' | 'removed';

/** Default of compareReports' minimumDomainDialogues (and of `compare --min-domain-dialogues`). */
export const DEFAULT_MINIMUM_DOMAIN_DIALOGUES = 30;

export interface DistanceChange {
  real: string;
  simulated: string;
  dimension: string;
  measure: string;
  metric: string;
  unit: string;
  domain: string;
  before: number | null;
  after: number | null;
  change: number | null;
  afterCiLow: number | null;
  afterCiHigh: number | null;
  threshold: number | null;
  thresholdSource: string;
  status: ChangeStatus;
}

export interface ReportComparison {
  changes: DistanceChange[];
  regressed: DistanceChange[];
  markdown: string;
}

const DEFAULT_FALLBACK_BY_METRIC: Record<string, { kind: 'absolute' | 'relative'; value: number }> = {
  tvd: { kind: 'absolute', value: 2 },
  centroid_cosine: { kind: 'absolute', value: 0.02 },
  wasserstein1: { kind: 'relative', value: 0.1 },
  mean_difference: { kind: 'relative', value: 0.1 },
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const DISTANCE_FIELDS: Array<[keyof DistanceRow, 'string' | 'number|null']> = [
  ['dimension', 'string'],
  ['measure', 'string'],
  ['metric', 'string'],
  ['unit', 'string'],
  ['real', 'string'],
  ['simulated', 'string'],
  ['domain', 'string'],
  ['value', 'number|null'],
  ['ciLow', 'number|null'],
  ['ciHigh', 'number|null'],
  ['noiseFloor', 'number|null'],
];

/** Checks the parts of a parsed report.json that compare and history rely on; throws REPORT_INVALID. */
export function validateReportShape(value: unknown, where: string): RealismReport {
  if (!isRecord(value)) throw new RealsimError('REPORT_INVALID', `${where}: expected a realsim report.json object, found ${quoteForMessage(value)}`);
  const schemaVersion = value['schemaVersion'];
  if (typeof schemaVersion !== 'string') {
    throw new RealsimError('REPORT_INVALID', `${where}: expected a "schemaVersion" string (a realsim report.json), found ${quoteForMessage(schemaVersion ?? 'none')}`);
  }
  const expectedMajor = REPORT_SCHEMA_VERSION.split('.')[0];
  if (schemaVersion.split('.')[0] !== expectedMajor) {
    throw new RealsimError(
      'REPORT_INVALID',
      `${where}: expected report schema ${expectedMajor}.x (this realsim reads ${REPORT_SCHEMA_VERSION}), found ${quoteForMessage(schemaVersion)}`,
    );
  }
  const distances = value['distances'];
  if (!Array.isArray(distances)) throw new RealsimError('REPORT_INVALID', `${where}: expected a "distances" array, found ${quoteForMessage(distances ?? 'none')}`);
  distances.forEach((row: unknown, index) => {
    if (!isRecord(row)) throw new RealsimError('REPORT_INVALID', `${where}: distances[${index}]: expected an object, found ${quoteForMessage(row)}`);
    for (const [field, type] of DISTANCE_FIELDS) {
      const fieldValue = row[field];
      const valid = type === 'string' ? typeof fieldValue === 'string' : fieldValue === null || (typeof fieldValue === 'number' && Number.isFinite(fieldValue));
      if (!valid) {
        throw new RealsimError(
          'REPORT_INVALID',
          `${where}: distances[${index}].${field}: expected ${type === 'string' ? 'a string' : 'a number or null'}, found ${quoteForMessage(fieldValue ?? 'none')}`,
        );
      }
    }
  });
  for (const table of ['comparisons', 'summary', 'distributions', 'correlations', 'dimensions', 'inputs']) {
    if (value[table] !== undefined && !Array.isArray(value[table])) {
      throw new RealsimError('REPORT_INVALID', `${where}: expected "${table}" to be an array, found ${quoteForMessage(value[table])}`);
    }
  }
  return value as unknown as RealismReport;
}

/** Reads and checks one report.json; every failure is one REPORT_INVALID line naming the file. */
export function readRealismReport(path: string): RealismReport {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new RealsimError('REPORT_INVALID', `${path}: expected a readable report.json, found ${reason === 'ENOENT' ? 'no such file' : reason === 'EISDIR' ? 'a folder' : reason}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new RealsimError('REPORT_INVALID', `${path}: expected valid JSON, found a syntax error (${(error as Error).message.split('\n')[0]})`);
  }
  return validateReportShape(parsed, path);
}

/** Parses a threshold file's text: { "<dimension>.<measure>": number ≥ 0, "default": number ≥ 0 }. */
export function parseThresholds(text: string, where: string): Thresholds {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new RealsimError('CONFIG', `${where}: expected a JSON object of thresholds, found a syntax error (${(error as Error).message.split('\n')[0]})`);
  }
  if (!isRecord(parsed)) {
    throw new RealsimError('CONFIG', `${where}: expected a JSON object like {"default": 2, "length.user_words": 15}, found ${quoteForMessage(parsed)}`);
  }
  const duplicated = duplicatedObjectKeys(text);
  if (duplicated.length > 0) {
    throw new RealsimError('CONFIG', `${where}: expected each key once, found ${duplicated.map((key) => quoteForMessage(key)).join(', ')} more than once`);
  }
  const thresholds: Thresholds = {};
  for (const [key, value] of Object.entries(parsed)) {
    if (key !== 'default' && !/^[^.\s]+\.[^\s]+$/.test(key)) {
      throw new RealsimError('CONFIG', `${where}: expected keys "default" or "<dimension>.<measure>", found ${quoteForMessage(key)}`);
    }
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
      throw new RealsimError('CONFIG', `${where}: "${key}": expected a number ≥ 0 in the measure's unit, found ${quoteForMessage(value)}`);
    }
    thresholds[key] = value;
  }
  return thresholds;
}

/**
 * Keys that occur more than once in a flat JSON object's text (JSON.parse silently keeps the last one). Every
 * "…": in the text is a key, since a threshold file's values are numbers.
 */
export function duplicatedObjectKeys(text: string): string[] {
  const seen = new Set<string>();
  const duplicated = new Set<string>();
  for (const match of text.matchAll(/"((?:[^"\\]|\\.)*)"\s*:/g)) {
    const key = JSON.parse(`"${match[1] as string}"`) as string;
    if (seen.has(key)) duplicated.add(key);
    seen.add(key);
  }
  return [...duplicated];
}

/**
 * Checks that every "<dimension>.<measure>" key of a threshold file names a measure with a distance row in one
 * of the reports: a misspelt key would otherwise be ignored and its measure gated by the default.
 */
export function checkThresholdKeys(thresholds: Thresholds, reports: readonly RealismReport[], where: string): void {
  const known = new Set(reports.flatMap((report) => report.distances.map((row) => `${row.dimension}.${row.measure}`)));
  const unknown = Object.keys(thresholds).filter((key) => key !== 'default' && !known.has(key));
  if (unknown.length > 0) {
    const choices = [...known].sort();
    throw new RealsimError(
      'CONFIG',
      `${where}: expected "default" or a measure of the reports (${choices.slice(0, 12).join(', ')}${choices.length > 12 ? ', …' : ''}), found ${unknown.map((key) => quoteForMessage(key)).join(', ')}`,
    );
  }
}

/**
 * Why two reports cannot be compared whatever the set-up (each one line): the current report has no distance
 * rows, a report holds the same row twice, or no baseline row has a current row to compare with.
 */
export function findComparisonBlockers(baseline: RealismReport, current: RealismReport): string[] {
  const blockers: string[] = [];
  if (current.distances.length === 0) blockers.push('the current report has no distance rows');
  for (const [name, report] of [['baseline', baseline], ['current', current]] as const) {
    const seen = new Set<string>();
    const duplicated = new Set<string>();
    for (const row of report.distances) {
      const key = rowKey(row);
      if (seen.has(key)) duplicated.add(`${row.dimension}.${row.measure} (${row.domain}, ${row.simulated} vs ${row.real})`);
      seen.add(key);
    }
    if (duplicated.size > 0) blockers.push(`the ${name} report has duplicated distance rows: ${[...duplicated].slice(0, 3).join(', ')}${duplicated.size > 3 ? ', …' : ''}`);
  }
  if (current.distances.length > 0 && baseline.distances.length > 0) {
    const currentKeys = new Set(current.distances.map(rowKey));
    if (!baseline.distances.some((row) => currentKeys.has(rowKey(row)))) {
      blockers.push('no distance row of the baseline is in the current report (every row removed or added: renamed simulator or real set?)');
    }
  }
  return blockers;
}

export function readThresholdFile(path: string): Thresholds {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new RealsimError('CONFIG', `--threshold-file: expected a readable JSON file, found ${quoteForMessage(path)} (${(error as NodeJS.ErrnoException).code ?? 'unreadable'})`);
  }
  return parseThresholds(text, path);
}

/** The threshold of one baseline row and where it came from. */
export function thresholdFor(row: DistanceRow, thresholds: Thresholds): { threshold: number | null; source: string } {
  const key = `${row.dimension}.${row.measure}`;
  const explicit = thresholds[key];
  if (explicit !== undefined) return { threshold: explicit, source: `file: ${key}` };
  const fileDefault = thresholds['default'];
  if (fileDefault !== undefined) return { threshold: fileDefault, source: 'file: default' };
  if (row.noiseFloor !== null) {
    return { threshold: row.metric === 'centroid_cosine' ? Math.max(0, 1 - row.noiseFloor) : row.noiseFloor, source: 'noise floor' };
  }
  const fallback = DEFAULT_FALLBACK_BY_METRIC[row.metric] ?? { kind: 'relative' as const, value: 0.1 };
  if (fallback.kind === 'absolute') return { threshold: fallback.value, source: `default ${fallback.value}` };
  return row.value === null ? { threshold: null, source: 'none' } : { threshold: Math.abs(row.value) * fallback.value, source: `${fallback.value * 100}% of before` };
}

function rowKey(row: DistanceRow): string {
  return [row.real, row.simulated, row.dimension, row.measure, row.metric, row.domain].join('\u0000');
}

/** The baseline's estimate of a row's distance: its bias-corrected value (schema ≥ 1.2), else its plug-in value. */
export function baselineEstimate(row: DistanceRow): number | null {
  return row.corrected ?? row.value;
}

function classify(before: DistanceRow, after: DistanceRow, threshold: number | null, minimumDomainDialogues: number): ChangeStatus {
  const estimate = baselineEstimate(before);
  if (estimate === null || after.value === null || threshold === null) return 'not comparable';
  const status = directionOf(before.metric, estimate, after, threshold);
  const tooFew = after.domain !== 'all' && Math.min(after.nReal ?? 0, after.nSimulated ?? 0) < minimumDomainDialogues;
  return status === 'regressed' && tooFew ? 'too few dialogues' : status;
}

function directionOf(metric: string, estimate: number, after: DistanceRow, threshold: number): ChangeStatus {
  const lower = after.ciLow ?? (after.value as number);
  const upper = after.ciHigh ?? (after.value as number);
  if (metric === 'centroid_cosine') {
    if (upper < estimate - threshold) return 'regressed';
    if (lower > estimate + threshold) return 'improved';
    return 'within threshold';
  }
  if (lower > estimate + threshold) return 'regressed';
  if (upper < estimate - threshold) return 'improved';
  return 'within threshold';
}

function escapeCell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

function formatSigned(value: number | null): string {
  if (value === null) return '–';
  const text = formatNumber(value);
  return value > 0 && text !== '0.00' ? `+${text}` : text;
}

function renderComparisonMarkdown(changes: DistanceChange[], baselineName: string, currentName: string, setupWarnings: readonly string[], minimumDomainDialogues: number): string {
  const regressed = changes.filter((change) => change.status === 'regressed');
  const header = ['status', 'comparison', 'dimension', 'measure', 'domain', 'before', 'after', 'change', 'after interval', 'threshold', 'unit'];
  const order: ChangeStatus[] = ['regressed', 'too few dialogues', 'removed', 'added', 'not comparable', 'improved', 'within threshold'];
  const sorted = [...changes].sort((a, b) => order.indexOf(a.status) - order.indexOf(b.status));
  const lines = [
    '# realsim compare',
    '',
    `baseline: ${escapeCell(baselineName)} · current: ${escapeCell(currentName)}`,
    '',
    ...(setupWarnings.length > 0 ? ['**The set-up changed** (compared anyway, --allow-changed-setup):', '', ...setupWarnings.map((warning) => `- ${escapeCell(warning)}`), ''] : []),
    regressed.length > 0
      ? `**${regressed.length} distance${regressed.length === 1 ? '' : 's'} regressed** (grew by more than the threshold and beyond the current interval).`
      : 'No distance regressed (none grew by more than its threshold and beyond its interval).',
    '',
    'Rule: regressed when current interval low > baseline + threshold (centroid cosine, a similarity: current interval high < baseline − threshold); ' +
      '"before" is the baseline\'s bias-corrected distance where the report has one. ' +
      `Thresholds are in each row's unit; default = the baseline real-vs-real noise floor. Domain rows with fewer than ${minimumDomainDialogues} dialogues on a side never fail ("too few dialogues").`,
    '',
    `| ${header.join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    ...sorted.map(
      (change) =>
        `| ${[
          change.status,
          `${change.simulated} vs ${change.real}`,
          change.dimension,
          change.measure,
          change.domain,
          formatNumber(change.before),
          formatNumber(change.after),
          formatSigned(change.change),
          `${formatNumber(change.afterCiLow)} – ${formatNumber(change.afterCiHigh)}`,
          change.threshold === null ? '–' : `${formatNumber(change.threshold)} (${change.thresholdSource})`,
          change.metric === 'wasserstein1' ? `Wasserstein-1, ${change.unit}` : change.unit,
        ]
          .map(escapeCell)
          .join(' | ')} |`,
    ),
  ];
  return `${lines.join('\n')}\n`;
}

/** Pure: baseline and current reports → every distance's change, the regressions, and a Markdown diff. */
export function compareReports(
  baseline: RealismReport,
  current: RealismReport,
  options: { thresholds?: Thresholds; baselineName?: string; currentName?: string; minimumDomainDialogues?: number; setupWarnings?: readonly string[] } = {},
): ReportComparison {
  const thresholds = options.thresholds ?? {};
  const minimumDomainDialogues = options.minimumDomainDialogues ?? DEFAULT_MINIMUM_DOMAIN_DIALOGUES;
  const currentByKey = new Map(current.distances.map((row) => [rowKey(row), row]));
  const baselineKeys = new Set(baseline.distances.map(rowKey));
  const changes: DistanceChange[] = [];
  const describe = (row: DistanceRow) => ({
    real: row.real,
    simulated: row.simulated,
    dimension: row.dimension,
    measure: row.measure,
    metric: row.metric,
    unit: row.unit,
    domain: row.domain,
  });
  for (const before of baseline.distances) {
    const after = currentByKey.get(rowKey(before));
    const { threshold, source } = thresholdFor(before, thresholds);
    if (!after) {
      changes.push({ ...describe(before), before: baselineEstimate(before), after: null, change: null, afterCiLow: null, afterCiHigh: null, threshold, thresholdSource: source, status: 'removed' });
      continue;
    }
    changes.push({
      ...describe(before),
      before: baselineEstimate(before),
      after: after.corrected ?? after.value,
      change: baselineEstimate(before) !== null && (after.corrected ?? after.value) !== null ? (after.corrected ?? (after.value as number)) - (baselineEstimate(before) as number) : null,
      afterCiLow: after.ciLow,
      afterCiHigh: after.ciHigh,
      threshold,
      thresholdSource: source,
      status: classify(before, after, threshold, minimumDomainDialogues),
    });
  }
  for (const after of current.distances) {
    if (baselineKeys.has(rowKey(after))) continue;
    changes.push({ ...describe(after), before: null, after: after.corrected ?? after.value, change: null, afterCiLow: after.ciLow, afterCiHigh: after.ciHigh, threshold: null, thresholdSource: 'none', status: 'added' });
  }
  const regressed = changes.filter((change) => change.status === 'regressed');
  return { changes, regressed, markdown: renderComparisonMarkdown(changes, options.baselineName ?? 'baseline', options.currentName ?? 'current', options.setupWarnings ?? [], minimumDomainDialogues) };
}
