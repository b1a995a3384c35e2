import type { DistanceRow } from '../core/report-rows.js';
import type { RealismReport } from './realism-report.js';

export interface LeaderboardCell {
  dimension: string;
  row: DistanceRow | undefined;
  /** Distance ÷ noise floor (for centroid cosine: (1 − value) ÷ (1 − noise floor)); null when undefined. */
  ratio: number | null;
  /** Rank of this comparison on this dimension (1 = closest to real users; ties share the mean rank). */
  rank: number | null;
}

export interface LeaderboardEntry {
  real: string;
  simulated: string;
  paired: boolean;
  pairs: number;
  cells: LeaderboardCell[];
  /** Mean of the per-dimension ranks over the dimensions where the ratio is defined. */
  meanRank: number | null;
  meanRatio: number | null;
  overallRank: number;
}

export const LEADERBOARD_RANK_RULE =
  'Overall rank = order of the mean, over dimensions, of each simulator\'s rank on that dimension\'s headline distance ÷ its real-vs-real noise floor ' +
  '(for centroid cosine, a similarity: (1 − cosine) ÷ (1 − noise floor)); rank 1 = closest to real users; ties share the mean rank; ' +
  'dimensions without a noise floor are left out; equal mean ranks are ordered by the mean ratio, then by name.';

/**
 * The headline measure of a dimension: the one its definition declares (headlineMeasure) when that measure has
 * a distance row over all domains, else (older reports, or a declared measure without rows) the first measure in
 * definition order that has one.
 */
export function headlineMeasures(report: Pick<RealismReport, 'dimensions' | 'distances'>): Array<{ dimension: string; measure: string }> {
  const headlines: Array<{ dimension: string; measure: string }> = [];
  for (const dimension of report.dimensions) {
    const hasAllDomainsRow = (measureId: string): boolean =>
      report.distances.some((row) => row.dimension === dimension.id && row.measure === measureId && row.domain === 'all');
    const declared = dimension.headlineMeasure;
    const measure = declared !== undefined && hasAllDomainsRow(declared) ? declared : dimension.measures.find((candidate) => hasAllDomainsRow(candidate.id))?.id;
    if (measure !== undefined) headlines.push({ dimension: dimension.id, measure });
  }
  return headlines;
}

/** Distance in units of the real-vs-real noise floor: 1 = as far as two halves of the real set are apart. */
export function distanceOverNoiseFloor(row: Pick<DistanceRow, 'metric' | 'value' | 'noiseFloor'>): number | null {
  if (row.value === null || row.noiseFloor === null) return null;
  if (row.metric === 'centroid_cosine') {
    const floorDistance = 1 - row.noiseFloor;
    return floorDistance > 0 ? Math.max(0, 1 - row.value) / floorDistance : null;
  }
  return row.noiseFloor > 0 ? row.value / row.noiseFloor : null;
}

function ranksWithTies(values: Array<number | null>): Array<number | null> {
  const defined = values.flatMap((value, index) => (value === null ? [] : [{ value, index }]));
  defined.sort((a, b) => a.value - b.value || a.index - b.index);
  const ranks: Array<number | null> = values.map(() => null);
  let start = 0;
  while (start < defined.length) {
    let end = start;
    while (end + 1 < defined.length && defined[end + 1]?.value === defined[start]?.value) end += 1;
    const sharedRank = (start + end) / 2 + 1;
    for (let position = start; position <= end; position += 1) {
      const entry = defined[position];
      if (entry) ranks[entry.index] = sharedRank;
    }
    start = end + 1;
  }
  return ranks;
}

function meanOf(values: number[]): number | null {
  return values.length === 0 ? null : values.reduce((sum, value) => sum + value, 0) / values.length;
}

/** Pure: one leaderboard entry per comparison (real set vs simulator), ordered by overall rank. */
export function buildLeaderboard(report: RealismReport): LeaderboardEntry[] {
  const headlines = headlineMeasures(report);
  const entries = report.comparisons.map((comparison) => ({
    ...comparison,
    cells: headlines.map(({ dimension, measure }): LeaderboardCell => {
      const row = report.distances.find(
        (candidate) =>
          candidate.real === comparison.real &&
          candidate.simulated === comparison.simulated &&
          candidate.dimension === dimension &&
          candidate.measure === measure &&
          candidate.domain === 'all',
      );
      return { dimension, row, ratio: row ? distanceOverNoiseFloor(row) : null, rank: null };
    }),
  }));
  headlines.forEach((_headline, column) => {
    const ranks = ranksWithTies(entries.map((entry) => entry.cells[column]?.ratio ?? null));
    entries.forEach((entry, index) => {
      const cell = entry.cells[column];
      if (cell) cell.rank = ranks[index] ?? null;
    });
  });
  const scored = entries.map((entry) => ({
    ...entry,
    meanRank: meanOf(entry.cells.flatMap((cell) => (cell.rank === null ? [] : [cell.rank]))),
    meanRatio: meanOf(entry.cells.flatMap((cell) => (cell.ratio === null ? [] : [cell.ratio]))),
  }));
  const order = (value: number | null) => (value === null ? Number.POSITIVE_INFINITY : value);
  scored.sort(
    (a, b) =>
      order(a.meanRank) - order(b.meanRank) ||
      order(a.meanRatio) - order(b.meanRatio) ||
      `${a.simulated}\u0000${a.real}`.localeCompare(`${b.simulated}\u0000${b.real}`, 'en'),
  );
  return scored.map((entry, index) => ({ ...entry, overallRank: index + 1 }));
}
