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
 *   distances (tvd, wasserstein1, mean_difference): current.ciLow > baseline.value + threshold
 *   centroid_cosine (a similarity, lower = further):  current.ciHigh < baseline.value − threshold
 * (when the current interval is missing, the current value stands in for its bound).
 *
 * Default thresholds, in each row's own unit, unless a threshold file says otherwise:
 *   the baseline row's real-vs-real noise floor (a change smaller than the distance between two halves of
 *   the real set is not called a regression); where the baseline has no noise floor: 2 points of TVD × 100
 *   for tvd, 0.02 for centroid_cosine, 10% of the baseline value for wasserstein1 and mean_difference.
 * Threshold file (JSON): { "<dimension>.<measure>": number, "default": number }. A "<dimension>.<measure>"
 * entry wins over "default", which wins over the built-in defaults. Numbers are ≥ 0, in the measure's unit.
 */

export type Thresholds = Record<string, number>;

export type ChangeStatus = 'regressed' | 'improved' | 'within threshold' | 'not comparable' | 'added' | 'removed';

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

function classify(before: DistanceRow, after: DistanceRow, threshold: number | null): ChangeStatus {
  if (before.value === null || after.value === null || threshold === null) return 'not comparable';
  if (before.metric === 'centroid_cosine') {
    const upper = after.ciHigh ?? after.value;
    const lower = after.ciLow ?? after.value;
    if (upper < before.value - threshold) return 'regressed';
    if (lower > before.value + threshold) return 'improved';
    return 'within threshold';
  }
  const lower = after.ciLow ?? after.value;
  const upper = after.ciHigh ?? after.value;
  if (lower > before.value + threshold) return 'regressed';
  if (upper < before.value - threshold) return 'improved';
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

function renderComparisonMarkdown(changes: DistanceChange[], baselineName: string, currentName: string): string {
  const regressed = changes.filter((change) => change.status === 'regressed');
  const header = ['status', 'comparison', 'dimension', 'measure', 'domain', 'before', 'after', 'change', 'after interval', 'threshold', 'unit'];
  const order: ChangeStatus[] = ['regressed', 'removed', 'added', 'not comparable', 'improved', 'within threshold'];
  const sorted = [...changes].sort((a, b) => order.indexOf(a.status) - order.indexOf(b.status));
  const lines = [
    '# realsim compare',
    '',
    `baseline: ${escapeCell(baselineName)} · current: ${escapeCell(currentName)}`,
    '',
    regressed.length > 0
      ? `**${regressed.length} distance${regressed.length === 1 ? '' : 's'} regressed** (grew by more than the threshold and beyond the current interval).`
      : 'No distance regressed (none grew by more than its threshold and beyond its interval).',
    '',
    'Rule: regressed when current interval low > baseline + threshold (centroid cosine, a similarity: current interval high < baseline − threshold). ' +
      'Thresholds are in each row\'s unit; default = the baseline real-vs-real noise floor.',
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
  options: { thresholds?: Thresholds; baselineName?: string; currentName?: string } = {},
): ReportComparison {
  const thresholds = options.thresholds ?? {};
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
      changes.push({ ...describe(before), before: before.value, after: null, change: null, afterCiLow: null, afterCiHigh: null, threshold, thresholdSource: source, status: 'removed' });
      continue;
    }
    changes.push({
      ...describe(before),
      before: before.value,
      after: after.value,
      change: before.value !== null && after.value !== null ? after.value - before.value : null,
      afterCiLow: after.ciLow,
      afterCiHigh: after.ciHigh,
      threshold,
      thresholdSource: source,
      status: classify(before, after, threshold),
    });
  }
  for (const after of current.distances) {
    if (baselineKeys.has(rowKey(after))) continue;
    changes.push({ ...describe(after), before: null, after: after.value, change: null, afterCiLow: after.ciLow, afterCiHigh: after.ciHigh, threshold: null, thresholdSource: 'none', status: 'added' });
  }
  const regressed = changes.filter((change) => change.status === 'regressed');
  return { changes, regressed, markdown: renderComparisonMarkdown(changes, options.baselineName ?? 'baseline', options.currentName ?? 'current') };
}
