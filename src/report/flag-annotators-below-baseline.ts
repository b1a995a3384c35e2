import type { DistanceRow } from '../core/report-rows.js';
import type { RealismReport } from './realism-report.js';

/** One validated score of a dimension's annotator beside the score of always predicting the majority tags. */
export interface AnnotatorScoreEvidence {
  dimension: string;
  /** Where the score comes from, e.g. "hand labels data/labels.jsonl, 215 turns" or "trained model, cross-validated on 6,513 turns". */
  source: string;
  microF1: number;
  macroF1: number;
  majorityBaselineMicroF1: number;
  majorityBaselineMacroF1: number;
}

export const ANNOTATOR_FLAG_RULE =
  'An annotator is flagged when, on any of its validated scores (evaluate --labels against hand labels, and the trained model\'s cross-validated figures), ' +
  'its micro F1 or its macro F1 is not above that of always predicting the majority tags: its distances may then measure the annotator more than the users.';

const score = (value: number): string => value.toFixed(3);

/** Why one piece of evidence flags its annotator, or undefined when both F1 scores are above the majority baseline. */
export function annotatorFlagReason(evidence: AnnotatorScoreEvidence): string | undefined {
  const failures: string[] = [];
  if (!(evidence.microF1 > evidence.majorityBaselineMicroF1)) failures.push(`micro F1 ${score(evidence.microF1)} ≤ majority baseline ${score(evidence.majorityBaselineMicroF1)}`);
  if (!(evidence.macroF1 > evidence.majorityBaselineMacroF1)) failures.push(`macro F1 ${score(evidence.macroF1)} ≤ majority baseline ${score(evidence.majorityBaselineMacroF1)}`);
  return failures.length === 0 ? undefined : `${evidence.dimension} annotator not above its majority baseline: ${failures.join(', ')} (${evidence.source})`;
}

/** Evidence from `evaluate --labels` (report.annotatorValidity). */
export function evidenceFromAnnotatorValidity(report: Pick<RealismReport, 'annotatorValidity'>): AnnotatorScoreEvidence[] {
  return (report.annotatorValidity ?? []).map((row) => ({
    dimension: row.dimension,
    source: `hand labels ${row.labels}, ${row.matchedTurns} turns`,
    microF1: row.microF1,
    macroF1: row.macroF1,
    majorityBaselineMicroF1: row.majorityBaselineMicroF1,
    majorityBaselineMacroF1: row.majorityBaselineMacroF1,
  }));
}

/**
 * Sets `annotatorFlag` on every distance row of each dimension some evidence flags (all its measures and
 * domains), the reasons joined by "; " in evidence order. Rows of dimensions nobody flags are left unchanged.
 */
export function flagDistanceRowsOfWeakAnnotators(distances: DistanceRow[], evidence: readonly AnnotatorScoreEvidence[]): void {
  const reasons = new Map<string, string[]>();
  for (const entry of evidence) {
    const reason = annotatorFlagReason(entry);
    if (reason !== undefined) reasons.set(entry.dimension, [...(reasons.get(entry.dimension) ?? []), reason]);
  }
  for (const row of distances) {
    const flagged = reasons.get(row.dimension);
    if (flagged) row.annotatorFlag = flagged.join('; ');
  }
}

/** The flags of a report, one per dimension, in the order of report.dimensions. */
export function annotatorFlagsOf(report: Pick<RealismReport, 'dimensions' | 'distances'>): Array<{ dimension: string; flag: string }> {
  return report.dimensions.flatMap((dimension) => {
    const flag = report.distances.find((row) => row.dimension === dimension.id && row.annotatorFlag !== undefined)?.annotatorFlag;
    return flag === undefined ? [] : [{ dimension: dimension.id, flag }];
  });
}
