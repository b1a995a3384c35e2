import type { DialogueSet } from '../core/dialogue.js';
import type { AnnotationContext } from '../core/dimension.js';
import { RealsimError } from '../core/realsim-error.js';
import { toolVersion } from '../core/tool-version.js';
import { loadDialogueSet } from '../load/load-dialogue-set.js';
import { loadPairFile } from '../load/load-pair-file.js';
import type { InputFormat } from '../load/detect-input-format.js';
import { annotateSets, chooseBackend, type DimensionRun } from '../annotate/annotate-sets.js';
import type { DimensionModule } from '../core/dimension.js';
import { readTurnClassifier } from '../learn/turn-classifier-artifact.js';
import { trainedModelPathFor } from '../learn/trained-turn-annotator.js';
import { evidenceFromAnnotatorValidity, flagDistanceRowsOfWeakAnnotators, type AnnotatorScoreEvidence } from '../report/flag-annotators-below-baseline.js';
import { listDimensionIds, loadDimensions } from '../annotate/dimension-registry.js';
import { checkRunSettings } from '../annotate/check-run-settings.js';
import { buildRealismReport, type Comparison } from '../report/build-realism-report.js';
import type { AnnotatorValidityRow, RealismReport } from '../report/realism-report.js';
import { VALIDATED_DIMENSIONS, readReferenceLabels } from '../measure/annotator-validity/index.js';
import { validateDimensions } from './validate-command.js';
import { llmRunState } from '../llm/llm-run-state.js';
import type { SetSpecification } from './parse-set-specifications.js';
import { PREVALENCE_CORRECTION_NOTE, adjustedClassifyAndCount } from '../learn/prevalence-correction.js';

export interface EvaluationRequest {
  real: SetSpecification[];
  simulated: SetSpecification[];
  pairFiles: string[];
  format?: InputFormat;
  domainMap?: Record<string, string>;
  dimensions?: string[];
  backends: Record<string, string>;
  seed: number;
  resamples: number;
  noiseFloorSplits: number;
  /** Reference-labels JSONL: adds the annotator-validity section (labelled dialogues are looked up in the real sets). */
  labelsFile?: string;
}

export interface EvaluationResult {
  report: RealismReport;
  sets: DialogueSet[];
  dimensionRuns: DimensionRun[];
}

const roundScore = (value: number) => Number(value.toFixed(4));

async function measureAnnotatorValidity(
  labelsFile: string,
  sets: DialogueSet[],
  dimensionIds: string[],
  backends: Record<string, string>,
  context: AnnotationContext,
): Promise<AnnotatorValidityRow[]> {
  const labels = readReferenceLabels(labelsFile);
  const dimensions = VALIDATED_DIMENSIONS.filter((id) => dimensionIds.includes(id));
  const realDialogues = sets.filter((set) => set.kind === 'real').flatMap((set) => set.dialogues);
  const results = await validateDimensions({ dialogues: realDialogues, labels, dimensions, backends, options: context.options, cache: context.cache, progress: context.progress });
  return results.map(({ validation, backend }) => ({
    dimension: validation.dimension,
    backend,
    labels: labelsFile,
    matchedTurns: validation.matchedTurns,
    microF1: roundScore(validation.score.microF1),
    macroF1: roundScore(validation.score.macroF1),
    majorityBaselineMicroF1: roundScore(validation.majorityBaseline.score.microF1),
    majorityBaselineMacroF1: roundScore(validation.majorityBaseline.score.macroF1),
    anyDisclosureF1: validation.anyDisclosure ? roundScore(validation.anyDisclosure.annotator.f1) : null,
    labelledAllNeutralPercent: validation.neutralRate ? roundScore(validation.neutralRate.labels * 100) : null,
    predictedAllNeutralPercent: validation.neutralRate ? roundScore(validation.neutralRate.predicted * 100) : null,
  }));
}

/**
 * A real dialogue is its own task: `realsim scenarios` names each scenario after the dialogue it came from,
 * and `realsim simulate` copies that id, so a real dialogue without a scenario id is paired by its own id.
 */
export function withDialogueIdsAsScenarioIds(set: DialogueSet): DialogueSet {
  return { ...set, dialogues: set.dialogues.map((dialogue) => (dialogue.scenarioId === undefined ? { ...dialogue, scenarioId: dialogue.id } : dialogue)) };
}

/** Puts each backend's measured distribution error beside the categorical distances it produced. */
export function attachAnnotatorErrors(report: RealismReport, dimensionRuns: readonly DimensionRun[]): void {
  const errors = new Map(dimensionRuns.map((run) => [run.module.definition.id, run.distributionError]));
  for (const row of report.distances) {
    const error = row.metric === 'tvd' ? errors.get(row.dimension)?.[row.measure] : undefined;
    if (!error) continue;
    row.annotatorErrorTvd = error.tvd;
    row.annotatorErrorSource = error.source;
  }
}

/** User turns per set and domain ("all" included), keyed "<set>\u0000<domain>". */
export function userTurnsBySetAndDomain(sets: readonly DialogueSet[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const set of sets) {
    for (const dialogue of set.dialogues) {
      const turns = dialogue.turns.filter((turn) => turn.role === 'user').length;
      for (const domain of ['all', dialogue.domain]) {
        const key = `${set.name}\u0000${domain}`;
        counts.set(key, (counts.get(key) ?? 0) + turns);
      }
    }
  }
  return counts;
}

/**
 * Puts prevalence-corrected shares (adjusted classify-and-count from each trained backend's cross-validated
 * tag rates) next to the raw shares of its turn-level measure, and states the correction in the notes.
 */
export function attachPrevalenceCorrection(report: RealismReport, dimensionRuns: readonly DimensionRun[], userTurns: ReadonlyMap<string, number>): void {
  const rates = new Map(dimensionRuns.flatMap((run) => (run.tagRates ? [[run.module.definition.id, run.tagRates] as const] : [])));
  let corrected = 0;
  for (const row of report.distributions) {
    const dimensionRates = rates.get(row.dimension);
    const tagRates = dimensionRates && dimensionRates.measure === row.measure ? dimensionRates.perTag[row.category] : undefined;
    const turns = userTurns.get(`${row.set}\u0000${row.domain}`) ?? 0;
    if (!tagRates || turns === 0) continue;
    const observed = row.count / turns;
    const adjusted = adjustedClassifyAndCount(observed, tagRates);
    row.observedTurnPercent = Number((100 * observed).toFixed(2));
    row.correctedTurnPercent = adjusted === null ? null : Number((100 * adjusted).toFixed(2));
    corrected += 1;
  }
  if (corrected > 0) report.statistics.notes.push(PREVALENCE_CORRECTION_NOTE);
}

/** The cross-validated figures of each trained model this run used, beside their majority baselines. */
export function trainedModelEvidence(modules: readonly DimensionModule[], backends: Record<string, string>, options: Record<string, string>): AnnotatorScoreEvidence[] {
  return modules.flatMap((module): AnnotatorScoreEvidence[] => {
    const id = module.definition.id;
    if (module.turnLabelSpec === undefined || chooseBackend(module, backends) !== 'trained') return [];
    const crossValidation = readTurnClassifier(trainedModelPathFor(id, options), id).artifact.quality.crossValidation;
    return [
      {
        dimension: id,
        source: `trained model, cross-validated on ${crossValidation.turns} labelled turns`,
        microF1: crossValidation.microF1,
        macroF1: crossValidation.macroF1,
        majorityBaselineMicroF1: crossValidation.majorityBaseline.microF1,
        majorityBaselineMacroF1: crossValidation.majorityBaseline.macroF1,
      },
    ];
  });
}

/** load → pair → annotate → measure → report (object); the caller writes it. */
export async function runEvaluation(request: EvaluationRequest, context: AnnotationContext): Promise<EvaluationResult> {
  if (request.real.length === 0 && request.pairFiles.length === 0) {
    throw new RealsimError('USAGE', 'evaluate: expected at least one --real <path> or --pairs <file>, found neither');
  }
  // settings first: a typo must not cost a load
  checkRunSettings({ options: context.options, backends: request.backends }, await loadDimensions(listDimensionIds()));
  if (request.dimensions !== undefined && request.dimensions.length === 0) {
    throw new RealsimError('USAGE', `--dimensions: expected a comma-separated list of dimension ids (${listDimensionIds().join(', ')}), found none`);
  }
  const sets: DialogueSet[] = [];
  const comparisons: Comparison[] = [];
  const warn = (message: string): void => context.progress.note(`warning: ${message}`);
  const loadTask = context.progress.start('load', request.real.length + request.simulated.length + request.pairFiles.length);
  for (const specification of request.pairFiles) {
    const pair = await loadPairFile(specification, { ...(request.domainMap ? { domainMap: request.domainMap } : {}), warn });
    sets.push(pair.real, pair.simulated);
    comparisons.push({ real: pair.real.name, simulated: pair.simulated.name, paired: true });
    loadTask.tick();
  }
  const realNames: string[] = [];
  for (const specification of request.real) {
    const realSet = await loadDialogueSet(specification.paths, {
      name: specification.name,
      kind: 'real',
      warn,
      ...(request.format ? { format: request.format } : {}),
      ...(request.domainMap ? { domainMap: request.domainMap } : {}),
    });
    sets.push(withDialogueIdsAsScenarioIds(realSet));
    realNames.push(specification.name);
    loadTask.tick();
  }
  for (const specification of request.simulated) {
    sets.push(
      await loadDialogueSet(specification.paths, {
        name: specification.name,
        kind: 'simulated',
        warn,
        ...(request.format ? { format: request.format } : {}),
        ...(request.domainMap ? { domainMap: request.domainMap } : {}),
      }),
    );
    for (const real of realNames) comparisons.push({ real, simulated: specification.name, paired: true });
    loadTask.tick();
  }
  loadTask.done(`${sets.reduce((total, set) => total + set.dialogues.length, 0)} dialogues`);
  const seen = new Set<string>();
  for (const set of sets) {
    if (seen.has(set.name)) {
      throw new RealsimError('USAGE', `set names: expected each set name once, found "${set.name}" twice (name sets with name=path)`);
    }
    seen.add(set.name);
  }
  const modules = await loadDimensions(request.dimensions ?? listDimensionIds());
  const { measuredSets, dimensionRuns } = await annotateSets(sets, modules, request.backends, context);
  const backends: Record<string, string> = {};
  for (const run of dimensionRuns) backends[run.module.definition.id] = run.backend;
  const measureTask = context.progress.start('measure', comparisons.length + measuredSets.length);
  const report = buildRealismReport({
    toolVersion: toolVersion(),
    seed: request.seed,
    resamples: request.resamples,
    noiseFloorSplits: request.noiseFloorSplits,
    sets,
    measuredSets,
    definitions: modules.map((module) => module.definition),
    backends,
    comparisons,
  });
  measureTask.tick(comparisons.length + measuredSets.length);
  measureTask.done();
  attachAnnotatorErrors(report, dimensionRuns);
  attachPrevalenceCorrection(report, dimensionRuns, userTurnsBySetAndDomain(sets));
  // read before annotator validity re-annotates (it adds no new items, but keep the report's numbers about the sets)
  const llmUsage = llmRunState(context.options).annotationUsage.rows();
  if (llmUsage.length > 0) report.llmUsage = llmUsage;
  if (request.labelsFile !== undefined) {
    report.annotatorValidity = await measureAnnotatorValidity(request.labelsFile, sets, modules.map((module) => module.definition.id), request.backends, context);
  }
  flagDistanceRowsOfWeakAnnotators(report.distances, [...evidenceFromAnnotatorValidity(report), ...trainedModelEvidence(modules, request.backends, context.options)]);
  return { report, sets, dimensionRuns };
}
