/** The seven feedback tags (dimensions/feedback/README.md), in guide order. */
export const FEEDBACK_TAGS = [
  'no_feedback',
  'explicit_positive',
  'explicit_negative',
  'regeneration_request',
  'continuation_request',
  'clarification_request',
  'provide_clarification',
] as const;

export type FeedbackTag = (typeof FEEDBACK_TAGS)[number];
