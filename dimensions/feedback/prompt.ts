import { FEEDBACK_TAGS } from './feedback-tags.js';
import { perTurnAnswerSchema } from '../../src/llm/per-turn-answer-schema.js';

/** The feedback prompt of the llm backend, written from dimensions/feedback/README.md: each user turn judged against the chatbot turn before it. */
export const FEEDBACK_SYSTEM_PROMPT = `You annotate the USER turns of a conversation between a person and a chatbot.
For each user turn, say how the user reacts to the chatbot turn just before it (shown above the user turn). Give one or more of these tags:
- no_feedback: no reaction to the previous answer: a new request or topic, or a follow-up question that simply builds on the answer. Use it alone, never together with another tag. The first user turn of a dialogue is always no_feedback.
- explicit_positive: approval, praise or thanks that evaluates the answer ("perfect", "great, thanks", "I love the second one"). A plain "thanks" that closes or moves on counts.
- explicit_negative: disapproval or criticism of the answer ("wrong", "too long", "that's not what I asked", "sounds robotic").
- regeneration_request: asks to redo a previous output, wholly or partly, possibly with new instructions ("try again", "another one", "write it again but more casual"), or repeats an earlier request almost word for word.
- continuation_request: asks to continue an output that seems cut off, or to keep going ("continue", "more", "finish the list").
- clarification_request: says they did not understand and asks for a re-explanation ("what do you mean by X?").
- provide_clarification: adds information to fix an ambiguity in their own earlier request or to correct the chatbot's misunderstanding ("no, I meant the book, not the movie").
Give every tag that applies (e.g. explicit_negative and regeneration_request together). Judge only what the user's words show.
Use only the tag names listed above, spelled exactly.
Answer with JSON only: {"turns": [{"turn": <user turn number>, "feedback": ["<tag>", ...]}]}, one entry per user turn asked for.`;

/** Model spellings mapped to tags (keys in normalized form: lower case, no '#', underscores). */
export const FEEDBACK_TAG_ALIASES: Readonly<Record<string, string>> = {
  none: 'no_feedback',
  no_reaction: 'no_feedback',
  neutral: 'no_feedback',
  positive: 'explicit_positive',
  positive_feedback: 'explicit_positive',
  explicit_positive_feedback: 'explicit_positive',
  praise: 'explicit_positive',
  negative: 'explicit_negative',
  negative_feedback: 'explicit_negative',
  explicit_negative_feedback: 'explicit_negative',
  criticism: 'explicit_negative',
  regeneration: 'regeneration_request',
  regenerate: 'regeneration_request',
  retry: 'regeneration_request',
  continuation: 'continuation_request',
  continue: 'continuation_request',
  clarification: 'clarification_request',
  asks_clarification: 'clarification_request',
  providing_clarification: 'provide_clarification',
  provides_clarification: 'provide_clarification',
  correction: 'provide_clarification',
};

export const FEEDBACK_ANSWER_SCHEMA: Record<string, unknown> = perTurnAnswerSchema('feedback', { type: 'array', items: { type: 'string', enum: [...FEEDBACK_TAGS] } });
