/**
 * Tag vocabularies of the reference-labels JSONL format (shared/datasets/reference-labels/GUIDE.md).
 * The label format is fixed, so its vocabularies live here; dimensions keep their own lists and a test
 * checks the two agree.
 */
export const REFERENCE_INTENT_TAGS = [
  'info_retrieval',
  'info_discovery',
  'info_understanding',
  'info_distillation',
  'info_analysis',
  'method_guidance',
  'content_generation',
  'content_modification',
  'system_management',
] as const;

export const REFERENCE_FEEDBACK_TAGS = [
  'no_feedback',
  'explicit_positive',
  'explicit_negative',
  'regeneration_request',
  'continuation_request',
  'clarification_request',
  'provide_clarification',
] as const;

export const REFERENCE_IDENTITY_TAGS = [
  'demographic',
  'physical',
  'relationships',
  'preferences',
  'past',
  'future',
  'worldview',
] as const;

export const REFERENCE_EMOTION_TAGS = ['anger', 'disgust', 'fear', 'joy', 'sadness', 'surprise', 'neutral'] as const;

export type ValidatedDimension = 'intent' | 'feedback' | 'identity' | 'emotion';

export const VALIDATED_DIMENSIONS: readonly ValidatedDimension[] = ['intent', 'feedback', 'identity', 'emotion'];

export function referenceTagsFor(dimension: ValidatedDimension): readonly string[] {
  switch (dimension) {
    case 'intent':
      return REFERENCE_INTENT_TAGS;
    case 'feedback':
      return REFERENCE_FEEDBACK_TAGS;
    case 'identity':
      return REFERENCE_IDENTITY_TAGS;
    case 'emotion':
      return REFERENCE_EMOTION_TAGS;
  }
}
