import type { DialogueSet } from '../core/dialogue.js';
import type { AnnotationContext, DialogueAnnotation, DimensionAnnotator, DimensionModule } from '../core/dimension.js';
import { RealsimError, quoteForMessage } from '../core/realsim-error.js';
import type { MeasuredSet } from '../measure/measured-set.js';

export interface DimensionRun {
  module: DimensionModule;
  backend: string;
  distributionError?: DimensionAnnotator['distributionError'];
  tagRates?: DimensionAnnotator['tagRates'];
  /** Wall time of this dimension's annotation, in milliseconds (not written to report.json). */
  milliseconds: number;
}

export interface AnnotateSetsResult {
  measuredSets: MeasuredSet[];
  dimensionRuns: DimensionRun[];
}

export function chooseBackend(module: DimensionModule, requested: Record<string, string>): string {
  const id = module.definition.id;
  const backend = requested[id] ?? module.backends[0];
  if (backend === undefined || !module.backends.includes(backend)) {
    throw new RealsimError(
      'USAGE',
      `--backend ${id}: expected one of ${module.backends.map((name) => `"${name}"`).join(', ')}, found ${quoteForMessage(backend ?? '')}`,
    );
  }
  return backend;
}

/**
 * The only stage with model or network I/O. Each dimension's annotator is created once and sees the
 * dialogues of every set in one call (so a WASM checker or an encoder starts once per run), then results
 * are split back per set.
 */
export async function annotateSets(
  sets: DialogueSet[],
  modules: DimensionModule[],
  requestedBackends: Record<string, string>,
  context: AnnotationContext,
): Promise<AnnotateSetsResult> {
  const allDialogues = sets.flatMap((set) => set.dialogues);
  const annotationsByDimension = new Map<string, DialogueAnnotation[]>();
  const backends: Record<string, string> = {};
  const dimensionRuns: DimensionRun[] = [];
  for (const module of modules) {
    const id = module.definition.id;
    const backendId = chooseBackend(module, requestedBackends);
    const startedAt = performance.now();
    const annotator = await module.createAnnotator(backendId, context.options);
    try {
      const annotations = await annotator.annotate(allDialogues, context);
      if (annotations.length !== allDialogues.length) {
        throw new RealsimError(
          'ANNOTATOR_FAILED',
          `dimension ${id}: expected ${allDialogues.length} annotations, found ${annotations.length}`,
        );
      }
      annotationsByDimension.set(id, annotations);
      backends[id] = annotator.backend;
    } finally {
      await annotator.dispose?.();
    }
    dimensionRuns.push({
      module,
      backend: annotator.backend,
      ...(annotator.distributionError ? { distributionError: annotator.distributionError } : {}),
      ...(annotator.tagRates ? { tagRates: annotator.tagRates } : {}),
      milliseconds: performance.now() - startedAt,
    });
  }
  let offset = 0;
  const measuredSets: MeasuredSet[] = sets.map((set) => {
    const setOffset = offset;
    offset += set.dialogues.length;
    return {
    name: set.name,
    kind: set.kind,
    backends: { ...backends },
    dialogues: set.dialogues.map((dialogue, indexInSet) => {
      const annotations: Record<string, DialogueAnnotation> = {};
      for (const [id, list] of annotationsByDimension) {
        const annotation = list[setOffset + indexInSet];
        if (annotation) annotations[id] = annotation;
      }
      return {
        id: dialogue.id,
        domain: dialogue.domain,
        ...(dialogue.scenarioId !== undefined ? { scenarioId: dialogue.scenarioId } : {}),
        annotations,
      };
    }),
    };
  });
  return { measuredSets, dimensionRuns };
}
