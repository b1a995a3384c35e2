import { INTENT_TAGS } from './intent-tags.js';
import { perTurnAnswerSchema, strictObjectSchema } from '../../src/llm/per-turn-answer-schema.js';

/**
 * The intent prompt of the llm backend, written from dimensions/intent/README.md. Two steps in one answer: the model first
 * lists each request in a user turn (a short paraphrase), then tags each request; the turn's intent is
 * the union of its requests' tags. A turn without any request gets an empty list.
 */
export const INTENT_SYSTEM_PROMPT = `You annotate the USER turns of a conversation between a person and a chatbot.
For each user turn, work in two steps.
Step 1: find every separate question, request or instruction the user makes in that turn. Write each as a short paraphrase (under 15 words). A turn with no question, request or instruction at all (a greeting, "ok thanks", an empty message, a statement that asks for nothing) has no requests.
Step 2: give each request one or more intent tags (give two when two fit equally well):
- info_retrieval: asks for a discrete objective fact, a definition, general information on a bare keyword, re-finding a known item from partial clues, or the term for a description.
- info_discovery: explores things the user is not sure exist: recent developments, things similar to a reference, recommendations, ratings, opinions or personal stories.
- info_understanding: asks why or how something works (a process, cause and effect, a principle) or for examples of a concept.
- info_distillation: asks to make given or known information shorter or more structured: a summary, key points, keywords, a table, a pros and cons list.
- info_analysis: asks for new insight or judgment: interpreting content, analysing numbers, evaluating ("is this good?", "should I…?"), comparing, predicting, exploring hypotheticals.
- method_guidance: asks how to do something step by step, whether a plan is feasible, what is wrong with something (diagnosis, without asking for the fix), or the best method among alternatives.
- content_generation: asks for new material, creative (story, poem, lyrics, names) or functional (code, email, cover letter, plan), or to extend, continue or add to existing material.
- content_modification: supplies material (the user's own or an earlier chatbot answer) and asks to change it: edit, proofread, restyle, shorten, paraphrase, reformat, translate.
- system_management: directs or probes the chatbot itself: a role or persona ("act as…"), constraints on the form of the answer (tone, length, bullet points, "explain like I'm 5"), or questions about what the chatbot can do.
Judge only what the user's words show. The chatbot turns are context only and are never annotated. Text a user pastes (an essay, code, an email) is material, not a request; the request is what the user asks to be done with it.
Use only the tag names listed above, spelled exactly.
Answer with JSON only: {"turns": [{"turn": <user turn number>, "requests": [{"request": "<paraphrase>", "intents": ["<tag>", ...]}]}]}, one entry per user turn asked for, "requests": [] for a turn without any request.`;

/** Model spellings mapped to tags (keys in normalized form: lower case, no '#', underscores). */
export const INTENT_TAG_ALIASES: Readonly<Record<string, string>> = {
  information_retrieval: 'info_retrieval',
  retrieval: 'info_retrieval',
  fact_retrieval: 'info_retrieval',
  information_discovery: 'info_discovery',
  discovery: 'info_discovery',
  recommendation: 'info_discovery',
  information_understanding: 'info_understanding',
  understanding: 'info_understanding',
  explanation: 'info_understanding',
  information_distillation: 'info_distillation',
  distillation: 'info_distillation',
  summarization: 'info_distillation',
  information_analysis: 'info_analysis',
  analysis: 'info_analysis',
  evaluation: 'info_analysis',
  method: 'method_guidance',
  guidance: 'method_guidance',
  how_to: 'method_guidance',
  generation: 'content_generation',
  content_creation: 'content_generation',
  modification: 'content_modification',
  content_editing: 'content_modification',
  editing: 'content_modification',
  translation: 'content_modification',
  system: 'system_management',
  system_instruction: 'system_management',
};

export const INTENT_ANSWER_SCHEMA: Record<string, unknown> = perTurnAnswerSchema('requests', {
  type: 'array',
  items: strictObjectSchema({
    request: { type: 'string' },
    intents: { type: 'array', items: { type: 'string', enum: [...INTENT_TAGS] } },
  }),
});
