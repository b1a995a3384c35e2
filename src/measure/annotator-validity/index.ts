export { scoreMultiLabel, NONE_IN_CONFUSION } from './score-multi-label.js';
export type { MultiLabelPair, MultiLabelScore, TagScore, ConfusionEntry } from './score-multi-label.js';
export { anyDisclosureF1 } from './any-disclosure-f1.js';
export type { AnyDisclosureScore } from './any-disclosure-f1.js';
export { neutralRate, isAllNeutral } from './neutral-rate.js';
export type { NeutralRate } from './neutral-rate.js';
export { majorityTagSet, majorityBaselinePairs, scoreMajorityBaseline } from './majority-baseline.js';
export { readReferenceLabels, parseReferenceLabels } from './read-reference-labels.js';
export type { LabelRecord, LabelTurn } from './read-reference-labels.js';
export { validateDimension, validationSummary } from './validate-dimension.js';
export type { DimensionValidation, UnmatchedTurn } from './validate-dimension.js';
export {
  REFERENCE_INTENT_TAGS,
  REFERENCE_FEEDBACK_TAGS,
  REFERENCE_IDENTITY_TAGS,
  REFERENCE_EMOTION_TAGS,
  VALIDATED_DIMENSIONS,
  referenceTagsFor,
} from './reference-label-tags.js';
export type { ValidatedDimension } from './reference-label-tags.js';
