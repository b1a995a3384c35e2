import { emotionLabels } from '../../../dimensions/emotion/emotion-labels.js';
import { FEEDBACK_TAGS } from '../../../dimensions/feedback/feedback-tags.js';
import { IDENTITY_CATEGORIES } from '../../../dimensions/identity/identity-categories.js';
import { INTENT_TAGS } from '../../../dimensions/intent/intent-tags.js';

/**
 * Tag vocabularies of the reference-labels JSONL format (reference-labels GUIDE.md). They are the dimensions'
 * own tag lists: one definition each, in dimensions/<id>/ (a test checks them against GUIDE.md).
 */
export const REFERENCE_INTENT_TAGS = INTENT_TAGS;
export const REFERENCE_FEEDBACK_TAGS = FEEDBACK_TAGS;
export const REFERENCE_IDENTITY_TAGS = IDENTITY_CATEGORIES;
export const REFERENCE_EMOTION_TAGS = emotionLabels;

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
