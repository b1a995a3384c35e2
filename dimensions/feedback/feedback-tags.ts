/** The seven feedback tags (DESIGN §3, reference-labels GUIDE.md §2), in guide order. */
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
