/**
 * realsim's public API: what `import … from 'realsim'` gives. Everything here is typed and stable within a
 * major version; anything else under dist/ is internal and may move.
 *
 *   import { evaluate, writeRealismReport } from 'realsim';
 *   const { report } = await evaluate({ pairFiles: ['pairs.jsonl'] });
 *   writeRealismReport(report, 'reports/mine');
 */
import { createDiskCache, createMemoryCache, type AnnotationCache } from './annotate/annotation-cache.js';
import { createStderrProgress, silentProgress, type ProgressReporter } from './cli/progress-reporter.js';
import { runEvaluation, type EvaluationRequest, type EvaluationResult } from './cli/run-evaluation.js';
import type { SetSpecification } from './cli/parse-set-specifications.js';

export type { Dialogue, DialogueSet, Turn, AsideMessage, DialogueOrigin } from './core/dialogue.js';
export type {
  DimensionModule,
  DimensionDefinition,
  DimensionAnnotator,
  DialogueAnnotation,
  AnnotationContext,
  MeasureDefinition,
} from './core/dimension.js';
export { RealsimError, isRealsimError, type RealsimErrorCode } from './core/realsim-error.js';
export { toolVersion } from './core/tool-version.js';
export type { RealismReport } from './report/realism-report.js';
export type { DistanceRow } from './core/report-rows.js';
export type { AnnotationCache, ProgressReporter, EvaluationRequest, EvaluationResult, SetSpecification };

export { loadDialogueSet, type LoadOptions } from './load/load-dialogue-set.js';
export { loadPairFile } from './load/load-pair-file.js';
export { loadDomainMap } from './load/load-domain-map.js';
export { listDimensionIds, loadDimension, loadDimensions } from './annotate/dimension-registry.js';
export { annotateSets } from './annotate/annotate-sets.js';
export { createDiskCache, createMemoryCache, silentProgress, createStderrProgress };
export { renderMarkdownReport } from './report/render-markdown-report.js';
export { renderHtmlReport } from './report/render-html-report.js';
export { writeRealismReport } from './report/write-realism-report.js';
export { readRealismReport, compareReports, type ReportComparison, type Thresholds } from './report/compare-reports.js';

/** What evaluate() needs; every field but the sets has the CLI's default. */
export interface EvaluateOptions {
  /** Real sets: paths, or { name, paths }. */
  real?: Array<string | SetSpecification>;
  /** Simulated sets: { name, paths } (one per simulator). */
  simulated?: SetSpecification[];
  /** MirrorBench-style pair files (real and simulated per task). */
  pairFiles?: string[];
  dimensions?: string[];
  /** Backend per dimension, e.g. { intent: 'llm' }. */
  backends?: Record<string, string>;
  /** --option values, e.g. { 'llm.model': 'gpt-4o-mini' }. */
  options?: Record<string, string>;
  domainMap?: Record<string, string>;
  labelsFile?: string;
  seed?: number;
  resamples?: number;
  noiseFloorSplits?: number;
  /** Annotation cache folder; omitted = in memory only. */
  cacheDirectory?: string;
  /** Progress sink; omitted = silent. */
  progress?: ProgressReporter;
}

function toSetSpecification(value: string | SetSpecification): SetSpecification {
  return typeof value === 'string' ? { name: 'real', paths: [value] } : value;
}

/** Runs the whole pipeline (load → pair → annotate → measure → validate → report) and returns the report object. */
export async function evaluate(options: EvaluateOptions): Promise<EvaluationResult> {
  const request: EvaluationRequest = {
    real: mergeSameNames((options.real ?? []).map(toSetSpecification)),
    simulated: options.simulated ?? [],
    pairFiles: options.pairFiles ?? [],
    backends: options.backends ?? {},
    seed: options.seed ?? 1,
    resamples: options.resamples ?? 1000,
    noiseFloorSplits: options.noiseFloorSplits ?? 21,
    ...(options.dimensions ? { dimensions: options.dimensions } : {}),
    ...(options.domainMap ? { domainMap: options.domainMap } : {}),
    ...(options.labelsFile ? { labelsFile: options.labelsFile } : {}),
  };
  const cache = options.cacheDirectory ? createDiskCache(options.cacheDirectory) : createMemoryCache();
  return runEvaluation(request, { cache, progress: options.progress ?? silentProgress, options: options.options ?? {} });
}

function mergeSameNames(specifications: SetSpecification[]): SetSpecification[] {
  const byName = new Map<string, string[]>();
  for (const specification of specifications) byName.set(specification.name, [...(byName.get(specification.name) ?? []), ...specification.paths]);
  return [...byName].map(([name, paths]) => ({ name, paths }));
}
