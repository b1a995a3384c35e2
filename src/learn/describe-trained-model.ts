import { existsSync } from 'node:fs';
import { readTurnClassifier } from './turn-classifier-artifact.js';
import { trainedModelPathFor } from './trained-turn-annotator.js';
import type { ValidityFigures } from './validity-figures.js';

const f3 = (value: number | undefined) => (value === undefined ? '–' : value.toFixed(3));

function line(name: string, figures: ValidityFigures, extra = ''): string {
  const disclosure = figures.anyDisclosureF1 === undefined ? '' : `, any-disclosure F1 ${f3(figures.anyDisclosureF1)} (majority ${f3(figures.majorityBaseline.anyDisclosureF1)})`;
  const distribution = Object.entries(figures.distributionTvd)
    .map(([measure, tvd]) => `${measure} ${tvd.toFixed(2)}`)
    .join(', ');
  return (
    `  ${name}${extra}: ${figures.turns} turns, micro-F1 ${f3(figures.microF1)}, macro-F1 ${f3(figures.macroF1)}` +
    ` (majority baseline ${f3(figures.majorityBaseline.microF1)} / ${f3(figures.majorityBaseline.macroF1)})${disclosure}; distribution error TVD×100: ${distribution}`
  );
}

/** Model-card lines of a dimension's trained backend for `realsim models`, read from its artifact. */
export function describeTrainedModel(dimension: string, options: Record<string, string>, comparisonBackend = 'rules backend'): string[] {
  const path = trainedModelPathFor(dimension, options);
  if (!existsSync(path)) return [`trained: no model at ${path} (npm run train:annotators, or realsim train-annotator)`];
  const { artifact } = readTurnClassifier(path, dimension);
  const quality = artifact.quality;
  const lines = [
    `trained (default): ${artifact.backend}; ${artifact.data.dialogues} labelled dialogues, ${artifact.data.turns} turns; ${artifact.folds.length} fold models (dialogues of the training data are annotated by the fold model that did not see them)`,
    line('cross-validated', quality.crossValidation, ` (${quality.crossValidation.folds} folds grouped by dialogue)`),
  ];
  if (quality.leaveOneDomainOut) lines.push(line('leave-one-domain-out', quality.leaveOneDomainOut, ` (${quality.leaveOneDomainOut.domains} domains)`));
  if (quality.dev) lines.push(line('dev labels', quality.dev));
  lines.push(line(`${comparisonBackend} on the same training turns`, quality.rulesOnTrainingTurns));
  for (const row of quality.gapFidelity) {
    lines.push(`  gap fidelity (${row.pairs} labelled real/simulated pairs, cross-validated): ${row.measure} TVD×100 labelled ${row.labelledTvd.toFixed(2)}, measured ${row.measuredTvd.toFixed(2)} (difference ${row.difference >= 0 ? '+' : ''}${row.difference.toFixed(2)})`);
  }
  return lines;
}
