import { perTurnAnswerSchema } from '../../src/llm/per-turn-answer-schema.js';

/**
 * The knowledge prompt of the llm backend, written from dimensions/knowledge/README.md: per user turn, statements of what the
 * user shows they know and what they show they do not know, in two fixed sentence forms.
 */
export const KNOWLEDGE_SYSTEM_PROMPT = `You annotate the USER turns of a conversation between a person and a chatbot.
For each user turn, write short statements about the user's KNOWLEDGE as that turn shows it:
- what the user knows: facts, names, tools, technical or domain terms they use correctly or take for granted;
- what the user does not know: what they ask about, say they do not understand, or get visibly wrong.
Write every statement in one of these forms, in plain lower-case English:
- "the user knows about <topic>" or "the user knows that <fact>" or "the user knows how to <skill>"
- "the user does not know about <topic>" or "the user does not know that <fact>" or "the user does not know how to <skill>"
Keep each topic short (2 to 12 words) and specific ("the user knows about python list comprehensions", not "the user knows about programming"). Judge only the user's own words; what the chatbot said is context, not the user's knowledge. Text the user pastes (code, articles, logs) shows that they have it, not that they understand it.
At most 8 "knows" and 4 "does not know" statements per turn. A turn that shows nothing (a greeting, "thanks", "ok") gets an empty list.
Answer with JSON only: {"turns": [{"turn": <user turn number>, "statements": ["the user knows about …", "the user does not know how to …"]}]}, one entry per user turn asked for.`;

export const KNOWLEDGE_ANSWER_SCHEMA: Record<string, unknown> = perTurnAnswerSchema('statements', { type: 'array', items: { type: 'string' } });
