import type { DialogueSet } from '../core/dialogue.js';
import type { DimensionDefinition } from '../core/dimension.js';
import { REPORT_SCHEMA_VERSION } from '../core/report-rows.js';
import type { CorrelationRow, DistanceRow, DistributionRow, SummaryRow } from '../core/report-rows.js';
import type { MeasuredSet } from '../measure/measured-set.js';
import { summarizeSet } from '../measure/summarize-set.js';
import { compareSets } from '../measure/compare-sets.js';
import { correlateAcrossDomains } from '../measure/correlate-across-domains.js';
import type { RealismReport } from './realism-report.js';

export interface Comparison {
  real: string;
  simulated: string;
  paired: boolean;
}

export interface BuildRealismReportInput {
  toolVersion: string;
  seed: number;
  resamples: number;
  noiseFloorSplits: number;
  sets: DialogueSet[];
  measuredSets: MeasuredSet[];
  definitions: DimensionDefinition[];
  backends: Record<string, string>;
  comparisons: Comparison[];
}

export { SMALL_SAMPLE_DIALOGUES as SMALL_SAMPLE_THRESHOLD } from '../measure/compare-sets.js';
import { SMALL_SAMPLE_DIALOGUES } from '../measure/compare-sets.js';

function countPairs(real: MeasuredSet, simulated: MeasuredSet): number {
  const realScenarios = new Set(real.dialogues.map((dialogue) => dialogue.scenarioId).filter((id) => id !== undefined));
  return simulated.dialogues.filter((dialogue) => dialogue.scenarioId !== undefined && realScenarios.has(dialogue.scenarioId)).length;
}

/** Pure: measured sets in, the whole report object out. */
export function buildRealismReport(input: BuildRealismReportInput): RealismReport {
  const measuredByName = new Map(input.measuredSets.map((set) => [set.name, set]));
  const summary: SummaryRow[] = [];
  const distributions: DistributionRow[] = [];
  for (const set of input.measuredSets) {
    const summarized = summarizeSet(set, input.definitions);
    summary.push(...summarized.summary);
    distributions.push(...summarized.distributions);
  }
  const distances: DistanceRow[] = [];
  const correlations: CorrelationRow[] = [];
  const comparisons: RealismReport['comparisons'] = [];
  const warnings: string[] = [];
  for (const comparison of input.comparisons) {
    const real = measuredByName.get(comparison.real);
    const simulated = measuredByName.get(comparison.simulated);
    if (!real || !simulated) continue;
    const pairs = countPairs(real, simulated);
    const paired = comparison.paired && pairs > 0;
    comparisons.push({ real: real.name, simulated: simulated.name, paired, pairs });
    distances.push(
      ...compareSets({
        real,
        simulated,
        definitions: input.definitions,
        seed: input.seed,
        resamples: input.resamples,
        noiseFloorSplits: input.noiseFloorSplits,
        paired,
      }),
    );
    correlations.push(
      ...correlateAcrossDomains({ real, simulated, definitions: input.definitions, seed: input.seed, resamples: input.resamples }),
    );
    if (comparison.paired && pairs === 0) {
      warnings.push(`${simulated.name} vs ${real.name}: no shared scenario ids, so the comparison is unpaired`);
    }
  }
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    tool: { name: 'realsim', version: input.toolVersion },
    seed: input.seed,
    statistics: {
      bootstrapResamples: input.resamples,
      confidenceLevel: 0.95,
      noiseFloorSplits: input.noiseFloorSplits,
      smallSampleThreshold: SMALL_SAMPLE_DIALOGUES,
      notes: [
        'Intervals are seeded percentile bootstrap intervals over dialogues (or over scenario pairs when paired).',
        'The noise floor is the median distance between two random halves of the real set; halves hold n/2 dialogues, so it slightly overstates the noise of a full-size sample.',
        'A gap is called real when the interval lies entirely above the noise floor (for cosine similarity: entirely below it).',
      ],
    },
    inputs: input.sets.map((set) => ({
      set: set.name,
      kind: set.kind,
      format: set.format,
      dialogues: set.dialogues.length,
      userTurns: set.dialogues.reduce((total, dialogue) => total + dialogue.turns.filter((turn) => turn.role === 'user').length, 0),
      domains: [...new Set(set.dialogues.map((dialogue) => dialogue.domain))].sort(),
      files: set.fingerprints,
    })),
    dimensions: input.definitions.map((definition) => ({
      id: definition.id,
      title: definition.title,
      level: definition.level,
      description: definition.description,
      backend: input.backends[definition.id] ?? 'unknown',
      measures: definition.measures,
    })),
    comparisons,
    summary,
    distributions,
    distances,
    correlations,
    warnings,
  };
}
