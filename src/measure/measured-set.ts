import type { DialogueAnnotation } from '../core/dimension.js';

/** One dialogue as the measure stage sees it: its grouping keys and its annotations per dimension. */
export interface MeasuredDialogue {
  id: string;
  domain: string;
  /** Links a real dialogue and the simulated dialogue(s) run on the same scenario (paired mode). */
  scenarioId?: string;
  /** Annotation per dimension id. A missing dimension means "no data" for that dialogue. */
  annotations: Record<string, DialogueAnnotation>;
}

/** An annotated set (real or one simulator), input of summarizeSet / compareSets / correlateAcrossDomains. */
export interface MeasuredSet {
  name: string;
  kind: 'real' | 'simulated';
  dialogues: MeasuredDialogue[];
  /** Backend that annotated each dimension (dimension id → backend); dimensions absent here are skipped. */
  backends: Record<string, string>;
}
