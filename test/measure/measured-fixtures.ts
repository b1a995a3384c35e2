import type { DialogueAnnotation, DimensionDefinition } from '../../src/core/dimension.js';
import type { MeasuredDialogue, MeasuredSet } from '../../src/measure/measured-set.js';

/** Test definitions: one numeric, one categorical (with none), one embedding measure. */
export const lengthDefinition: DimensionDefinition = {
  id: 'length',
  level: 'surface-form',
  title: 'Length',
  description: 'test',
  measures: [{ id: 'words', scale: 'numeric', unit: 'words per dialogue', description: 'test' }],
};

/** The length dimension with the measure id the report uses (user_words), for tests that read it by that name. */
export const userWordsDefinition: DimensionDefinition = {
  ...lengthDefinition,
  measures: [{ id: 'user_words', scale: 'numeric', unit: 'words per dialogue', description: 'test' }],
};

export const feedbackDefinition: DimensionDefinition = {
  id: 'feedback',
  level: 'communicative-function',
  title: 'Feedback',
  description: 'test',
  measures: [
    {
      id: 'tags',
      scale: 'categorical',
      unitOfMass: 'tag occurrence',
      categories: ['positive', 'negative', 'none'],
      includesNone: true,
      description: 'test',
    },
  ],
};

export const knowledgeDefinition: DimensionDefinition = {
  id: 'knowledge',
  level: 'user-state',
  title: 'Knowledge',
  description: 'test',
  measures: [{ id: 'statements', scale: 'embedding', unitOfMass: 'knowledge statement', description: 'test' }],
};

export interface DialogueSpec {
  id: string;
  domain?: string;
  scenarioId?: string;
  words?: number | null;
  tags?: string[];
  vectors?: number[][];
}

/** A dialogue with annotations for the dimensions its spec mentions. */
export function measuredDialogue(spec: DialogueSpec): MeasuredDialogue {
  const annotations: Record<string, DialogueAnnotation> = {};
  if (spec.words !== undefined) {
    annotations.length = { dialogueId: spec.id, numeric: { words: spec.words }, categorical: {} };
  }
  if (spec.tags !== undefined) {
    annotations.feedback = { dialogueId: spec.id, numeric: {}, categorical: { tags: spec.tags } };
  }
  if (spec.vectors !== undefined) {
    annotations.knowledge = { dialogueId: spec.id, numeric: {}, categorical: {}, embeddings: { statements: spec.vectors } };
  }
  const dialogue: MeasuredDialogue = { id: spec.id, domain: spec.domain ?? 'general', annotations };
  if (spec.scenarioId !== undefined) dialogue.scenarioId = spec.scenarioId;
  return dialogue;
}

export function measuredSet(name: string, kind: 'real' | 'simulated', specs: DialogueSpec[]): MeasuredSet {
  return {
    name,
    kind,
    dialogues: specs.map(measuredDialogue),
    backends: { length: 'whitespace@1', feedback: 'rules@1', knowledge: 'use-lite@1' },
  };
}
