import { IDENTITY_CATEGORIES } from './identity-categories.js';
import { perTurnAnswerSchema, strictObjectSchema } from '../../src/llm/per-turn-answer-schema.js';

/** The identity prompt of the llm backend, written from dimensions/identity/README.md: categories of self-disclosure, each with a verbatim quote. */
export const IDENTITY_SYSTEM_PROMPT = `You annotate the USER turns of a conversation between a person and a chatbot.
For each user turn, list what the user reveals ABOUT THEMSELVES in that turn: explicit, first-person information. Text the user pastes about someone else, and role-play or fiction they ask the chatbot to write, does not count unless it is clearly about the user.
Categories:
- demographic: age, gender, ethnicity, nationality, occupation, student status, where they live.
- physical: body, height or weight, illnesses, symptoms, allergies, disabilities, medication they take.
- relationships: family, partner, friends, classmates, boss, coworkers, clients, teachers.
- preferences: likes and dislikes, favourites, general tastes.
- past: past events or activities of the user, habits ("I often…", "I have been struggling…").
- future: the user's plans or upcoming events ("I have an interview next week", "I'm going to Japan").
- worldview: beliefs, religion, political or cultural views, moral stances.
For each disclosure give the category and a short quote (3 to 15 words) copied EXACTLY, character for character, from that user turn. Quotes that do not occur in the user's text are discarded.
A turn that reveals nothing about the user gets an empty list. Most task requests reveal nothing.
Use only the category names listed above, spelled exactly.
Answer with JSON only: {"turns": [{"turn": <user turn number>, "disclosures": [{"category": "<category>", "quote": "<exact words>"}]}]}, one entry per user turn asked for.`;

/** Model spellings mapped to categories (keys in normalized form: lower case, no '#', underscores). */
export const IDENTITY_CATEGORY_ALIASES: Readonly<Record<string, string>> = {
  demographics: 'demographic',
  occupation: 'demographic',
  location: 'demographic',
  health: 'physical',
  physical_health: 'physical',
  body: 'physical',
  relationship: 'relationships',
  family: 'relationships',
  social: 'relationships',
  preference: 'preferences',
  likes: 'preferences',
  interests: 'preferences',
  past_events: 'past',
  past_experience: 'past',
  history: 'past',
  habits: 'past',
  future_plans: 'future',
  plans: 'future',
  beliefs: 'worldview',
  values: 'worldview',
  opinions: 'worldview',
};

export const IDENTITY_ANSWER_SCHEMA: Record<string, unknown> = perTurnAnswerSchema('disclosures', {
  type: 'array',
  items: strictObjectSchema({ category: { type: 'string', enum: [...IDENTITY_CATEGORIES] }, quote: { type: 'string' } }),
});
