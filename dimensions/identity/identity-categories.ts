/** The seven self-disclosure categories (DESIGN §3, reference-labels GUIDE.md §3), in guide order. */
export const IDENTITY_CATEGORIES = [
  'demographic',
  'physical',
  'relationships',
  'preferences',
  'past',
  'future',
  'worldview',
] as const;

export type IdentityCategory = (typeof IDENTITY_CATEGORIES)[number];

/** The category of turns or dialogues that reveal nothing about the user. */
export const NO_DISCLOSURE = 'none';
