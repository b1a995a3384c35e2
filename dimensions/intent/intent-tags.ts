/** The nine intent tags (dimensions/intent/README.md), in guide order. */
export const INTENT_TAGS = [
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

export type IntentTag = (typeof INTENT_TAGS)[number];
