/** The seven self-disclosure categories (dimensions/identity/README.md), in guide order. */
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
