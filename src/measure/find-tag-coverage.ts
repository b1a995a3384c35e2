import type { DistributionRow } from '../core/report-rows.js';
import { compareText } from './compare-text.js';
import { roundForReport } from './round-for-report.js';

/** One row of report.json's coverage table: a tag whose frequency differs by a factor of 4 or more. */
export interface TagCoverageRow {
  real: string;
  simulated: string;
  dimension: string;
  measure: string;
  category: string;
  /**
   * "rarely_produced": frequent in real users (share ≥ minimumSharePercent) but under a quarter of that
   * share in the simulator; "invented": frequent in the simulator but under a quarter of its share in
   * real users (real users (almost) never do it).
   */
  kind: 'rarely_produced' | 'invented';
  unitOfMass: string;
  realCount: number;
  simulatedCount: number;
  /** Shares of the measure's units of mass in each whole set (domain "all"), in percent. */
  realSharePercent: number;
  simulatedSharePercent: number;
  /** simulated share ÷ real share; null when the real share is 0. */
  shareRatio: number | null;
  backend: string;
}

export interface FindTagCoverageInput {
  /** Distribution rows of the report (summarizeSet); only domain "all" of the two sets is read. */
  distributions: readonly DistributionRow[];
  real: string;
  simulated: string;
  /** A tag is "frequent" from this share on; default 2 (percent). */
  minimumSharePercent?: number;
  /** "Rare" = under this fraction of the other side's share; default ¼. */
  rareFraction?: number;
}

/**
 * Per-tag coverage of a simulator for every categorical measure: the tags it rarely produces although
 * real users use them often, and the tags it produces often although real users (almost) never do.
 * Works on the report's distribution rows (shares over all dialogues of each set, domain "all").
 * Rows are ordered by dimension, measure, kind (rarely_produced first), then by the larger share, descending.
 */
export function findTagCoverage(input: FindTagCoverageInput): TagCoverageRow[] {
  const minimum = input.minimumSharePercent ?? 2;
  const fraction = input.rareFraction ?? 0.25;
  const byTag = new Map<string, { real?: DistributionRow; simulated?: DistributionRow }>();
  for (const row of input.distributions) {
    if (row.domain !== 'all') continue;
    const side = row.set === input.real ? 'real' : row.set === input.simulated ? 'simulated' : null;
    if (side === null) continue;
    const key = `${row.dimension}\u0000${row.measure}\u0000${row.category}`;
    const entry = byTag.get(key) ?? {};
    entry[side] = row;
    byTag.set(key, entry);
  }
  const measuresOf = (set: string) =>
    new Set(input.distributions.filter((row) => row.domain === 'all' && row.set === set).map((row) => `${row.dimension}\u0000${row.measure}`));
  const simulatedMeasures = measuresOf(input.simulated);
  const measuresOnBothSides = new Set([...measuresOf(input.real)].filter((key) => simulatedMeasures.has(key)));
  const rows: TagCoverageRow[] = [];
  for (const { real, simulated } of byTag.values()) {
    const sample = real ?? simulated;
    if (sample === undefined) continue;
    // A measure annotated on one side only has no comparison.
    if (!measuresOnBothSides.has(`${sample.dimension}\u0000${sample.measure}`)) continue;
    const realShare = real?.sharePercent ?? 0;
    const simulatedShare = simulated?.sharePercent ?? 0;
    let kind: TagCoverageRow['kind'] | null = null;
    if (realShare >= minimum && simulatedShare < fraction * realShare) kind = 'rarely_produced';
    else if (simulatedShare >= minimum && realShare < fraction * simulatedShare) kind = 'invented';
    if (kind === null) continue;
    rows.push({
      real: input.real,
      simulated: input.simulated,
      dimension: sample.dimension,
      measure: sample.measure,
      category: sample.category,
      kind,
      unitOfMass: sample.unitOfMass,
      realCount: real?.count ?? 0,
      simulatedCount: simulated?.count ?? 0,
      realSharePercent: realShare,
      simulatedSharePercent: simulatedShare,
      shareRatio: realShare === 0 ? null : roundForReport(simulatedShare / realShare),
      backend: real && simulated && real.backend !== simulated.backend ? `${real.backend} vs ${simulated.backend}` : sample.backend,
    });
  }
  const kindOrder = (kind: TagCoverageRow['kind']) => (kind === 'rarely_produced' ? 0 : 1);
  return rows.sort(
    (a, b) =>
      compareText(a.dimension, b.dimension) ||
      compareText(a.measure, b.measure) ||
      kindOrder(a.kind) - kindOrder(b.kind) ||
      Math.max(b.realSharePercent, b.simulatedSharePercent) - Math.max(a.realSharePercent, a.simulatedSharePercent) ||
      compareText(a.category, b.category),
  );
}
