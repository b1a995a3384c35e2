import type { RealismReport } from './realism-report.js';

/**
 * What differs between the set-ups of two reports, one line per changed item, in a fixed order. A change here
 * means a distance may have moved for a reason other than the simulator: `realsim compare` refuses to gate on
 * it (exit 2) unless --allow-changed-setup is given, and then prints each line as a warning.
 * - a dimension's backend string (annotator, version, model and settings) differs, or a dimension is in one only;
 * - a real set's dialogues differ (their content sha256; for older reports the sha256 of its files, in order), or
 *   a real set of the baseline is missing;
 * - a comparison (simulator vs real set) of the baseline is missing from the current report (a renamed simulator
 *   or real set);
 * - the resampling settings differ (bootstrap resamples, permutations, noise-floor splits);
 * - the report schema minor version differs (the meaning of a field may have changed, e.g. the distance
 *   intervals in 1.2).
 */
export function findSetupChanges(baseline: RealismReport, current: RealismReport): string[] {
  const changes: string[] = [];
  const backendsOf = (report: RealismReport): Map<string, string> => {
    const backends = new Map<string, string>();
    for (const dimension of report.dimensions ?? []) backends.set(dimension.id, dimension.backend);
    // Older or hand-made reports may lack the dimensions table: the rows carry the backend too.
    for (const row of report.distances) if (!backends.has(row.dimension) && typeof row.backend === 'string') backends.set(row.dimension, row.backend);
    return backends;
  };
  const before = backendsOf(baseline);
  const after = backendsOf(current);
  for (const [dimension, backend] of before) {
    const now = after.get(dimension);
    if (now === undefined) changes.push(`dimension ${dimension}: in the baseline (${backend}), not in the current report`);
    else if (now !== backend) changes.push(`dimension ${dimension}: backend changed from "${backend}" to "${now}"`);
  }
  for (const [dimension, backend] of after) {
    if (!before.has(dimension)) changes.push(`dimension ${dimension}: in the current report (${backend}), not in the baseline`);
  }

  // The dialogues' own hash where both reports have it (a pairs file also holds the simulator's dialogues, so
  // its file hash moves with the simulator), else the input files' hashes.
  const realInputs = (report: RealismReport): Map<string, { content?: string; files: string }> =>
    new Map(
      (report.inputs ?? [])
        .filter((input) => input.kind === 'real')
        .map((input) => [input.set, { ...(input.contentSha256 === undefined ? {} : { content: input.contentSha256 }), files: input.files.map((file) => file.sha256).join(',') }]),
    );
  const realBefore = realInputs(baseline);
  const realAfter = realInputs(current);
  for (const [set, then] of realBefore) {
    const now = realAfter.get(set);
    if (now === undefined) changes.push(`real set ${set}: in the baseline, not in the current report`);
    else if (then.content !== undefined && now.content !== undefined) {
      if (then.content !== now.content) changes.push(`real set ${set}: dialogues changed (content sha256 ${then.content.slice(0, 12)} → ${now.content.slice(0, 12)})`);
    } else if (now.files !== then.files) changes.push(`real set ${set}: input files changed (sha256 ${shortHashes(then.files)} → ${shortHashes(now.files)})`);
  }

  const comparisonsOf = (report: RealismReport): string[] => [...new Set(report.distances.map((row) => `${row.simulated} vs ${row.real}`))];
  const currentComparisons = new Set(comparisonsOf(current));
  const added = comparisonsOf(current).filter((comparison) => !comparisonsOf(baseline).includes(comparison));
  for (const comparison of comparisonsOf(baseline)) {
    if (!currentComparisons.has(comparison)) {
      changes.push(`comparison ${comparison}: in the baseline, not in the current report${added.length > 0 ? ` (current has ${added.join(', ')}; renamed?)` : ''}`);
    }
  }

  const settings: Array<[string, number | undefined, number | undefined]> = [
    ['bootstrap resamples', baseline.statistics?.bootstrapResamples, current.statistics?.bootstrapResamples],
    ['permutations', baseline.statistics?.permutations, current.statistics?.permutations],
    ['noise-floor splits', baseline.statistics?.noiseFloorSplits, current.statistics?.noiseFloorSplits],
  ];
  for (const [name, then, now] of settings) if (then !== now) changes.push(`${name}: ${String(then ?? 'none')} → ${String(now ?? 'none')}`);

  const minor = (version: string): string => version.split('.').slice(0, 2).join('.');
  if (minor(baseline.schemaVersion) !== minor(current.schemaVersion)) {
    changes.push(`report schema: ${baseline.schemaVersion} → ${current.schemaVersion} (distance fields may differ in meaning)`);
  }
  return changes;
}

function shortHashes(hashes: string): string {
  return hashes
    .split(',')
    .map((hash) => hash.slice(0, 12))
    .join(',');
}
