import { HashedFeatureBuilder, hashText, namespaceSeed, type SparseVector } from './feature-hashing.js';
import type { TurnContext } from './turn-context.js';

/**
 * The features of one user turn for the trained intent, feedback and identity classifiers. What a user
 * asks for is mostly said at the start or the end of the turn; the middle of a long turn is usually
 * pasted material (an essay, code, a chatbot answer), so the words of the turn's head and tail are
 * separate groups from the words of the whole turn. Groups (each L2-normalised to its weight):
 * - head: word unigrams and bigrams of the first 64 tokens; headChars: character 3–5-grams of the first
 *   32 words (robust to typos and inflection); opening: the first one, two and three tokens;
 * - tail: word unigrams and bigrams of the last 32 tokens of a turn longer than 96 tokens;
 * - whole: word unigrams and bigrams of the turn as an annotator sees it (first 1,500 and last 500
 *   characters), where self-disclosure can hide;
 * - assistant: words of the previous chatbot turn (its first 16 and last 48 tokens): feedback reacts to it;
 * - previousUser: words of the previous user turn's head (a follow-up often continues it);
 * - flags (value 1 each): turn position, length and line buckets, question and exclamation marks, code,
 *   URLs, case, how the chatbot turn ends, word overlap with the previous user turn (a repeated request
 *   is a regeneration) and with the chatbot turn (pasted back), and the rule backend's tags (stacking).
 */
export const TURN_FEATURES_VERSION = 'realsim-turn-features/1';

export interface TurnFeatureSettings {
  /** Hash buckets = 2^bits. */
  bits: number;
}

const TOKEN_PATTERN = /[\p{L}\p{N}]+(?:'[\p{L}]+)*|[?!:]|\p{Extended_Pictographic}/gu;
const URL_PATTERN = /https?:\/\/\S+|www\.\S+/g;
const PLACEHOLDER_PATTERN = /<presidio_anonymized_[a-z_]+>|\bname_\d+\b|\[name\]/gi;
const CODE_PATTERN = /```|[{};]\s*$|^\s*(def |class |import |function |const |let |var |public |#include|SELECT |<\w+[^>]*>)/im;

const NAMESPACES = {
  head: namespaceSeed('head'),
  headBigram: namespaceSeed('head2'),
  headChars: namespaceSeed('chars'),
  opening: namespaceSeed('open'),
  tail: namespaceSeed('tail'),
  tailBigram: namespaceSeed('tail2'),
  whole: namespaceSeed('whole'),
  wholeBigram: namespaceSeed('whole2'),
  assistant: namespaceSeed('asst'),
  previousUser: namespaceSeed('prevuser'),
  flag: namespaceSeed('flag'),
  cue: namespaceSeed('cue'),
} as const;

/** Lower-cased tokens as the features see them (URLs → "xurl", anonymisation placeholders → "xname"). */
export function featureTokens(text: string): string[] {
  const normalised = text
    .toLowerCase()
    .replace(/[\u2018\u2019\u02bc`]/g, "'")
    .replace(URL_PATTERN, ' xurl ')
    .replace(PLACEHOLDER_PATTERN, ' xname ');
  const tokens = normalised.match(TOKEN_PATTERN) ?? [];
  return tokens.map((token) => (/^\d+$/.test(token) ? (token.length > 3 ? 'x0000' : 'x0') : token));
}

/** The part of a long text an annotator reads: its first 1,500 and last 500 characters. */
export function annotatorView(text: string): string {
  return text.length <= 2000 ? text : `${text.slice(0, 1500)}\n${text.slice(-500)}`;
}

function addWords(builder: HashedFeatureBuilder, tokens: readonly string[], unigramSeed: number, bigramSeed: number | undefined): void {
  let previous = '<s>';
  for (const token of tokens) {
    builder.add(unigramSeed, token);
    if (bigramSeed !== undefined) builder.add(bigramSeed, `${previous} ${token}`);
    previous = token;
  }
}

function addCharacterGrams(builder: HashedFeatureBuilder, tokens: readonly string[]): void {
  for (const token of tokens) {
    if (token.length < 2 || token.length > 20) continue;
    const padded = `<${token}>`;
    for (let start = 0; start + 3 <= padded.length; start += 1) {
      let hash = NAMESPACES.headChars;
      const stop = Math.min(padded.length, start + 5);
      for (let end = start; end < stop; end += 1) {
        hash = Math.imul(hash ^ padded.charCodeAt(end), 0x01000193);
        if (end - start >= 2) builder.addHash(hash);
      }
    }
  }
}

function bucket(value: number, edges: readonly number[]): string {
  let index = 0;
  while (index < edges.length && value > (edges[index] as number)) index += 1;
  return index === 0 ? `≤${edges[0]}` : index === edges.length ? `>${edges[edges.length - 1]}` : `≤${edges[index]}`;
}

function overlap(current: ReadonlySet<string>, other: ReadonlySet<string>): { shared: number; jaccard: number; containment: number } {
  let shared = 0;
  for (const token of other) if (current.has(token)) shared += 1;
  const union = current.size + other.size - shared;
  return { shared, jaccard: union === 0 ? 0 : shared / union, containment: other.size === 0 ? 0 : shared / other.size };
}

/** Tokens of the context texts, computed once per turn (several groups and flags read them). */
interface ContextTokens {
  previousUser: readonly string[];
  assistant: readonly string[];
}

function addFlags(builder: HashedFeatureBuilder, context: TurnContext, tokens: readonly string[], contextTokens: ContextTokens): void {
  const flag = (name: string) => builder.add(NAMESPACES.flag, name);
  const text = context.text;
  const trimmed = text.trim();
  flag(`turn:${context.turn === 1 ? '1' : context.turn <= 3 ? '2-3' : context.turn <= 6 ? '4-6' : '7+'}`);
  flag(`words:${bucket(tokens.length, [0, 2, 5, 10, 20, 50, 150, 500])}`);
  const lines = trimmed === '' ? 0 : trimmed.split(/\n+/).length;
  flag(`lines:${bucket(lines, [0, 1, 3, 10])}`);
  if (trimmed.endsWith('?')) flag('ends-question');
  if (trimmed.includes('?')) flag('has-question');
  if (trimmed.includes('!')) flag('has-exclamation');
  if (trimmed === '') flag('empty');
  if (CODE_PATTERN.test(text)) flag('code');
  if (URL_PATTERN.test(text)) flag('url');
  URL_PATTERN.lastIndex = 0;
  if (trimmed !== '' && trimmed === trimmed.toLowerCase()) flag('all-lower');
  if (/^[A-Z]/.test(trimmed)) flag('starts-capital');
  if (/[.!?]$/.test(trimmed)) flag('ends-punctuation');

  const assistant = context.previousAssistantText.trim();
  if (context.turn > 1) {
    if (assistant === '') flag('assistant-empty');
    else {
      flag(`assistant-words:${bucket(assistant.split(/\s+/).length, [20, 80, 250, 600])}`);
      if (/\?\s*$/.test(assistant)) flag('assistant-ends-question');
      if (!/[.!?)"'`*:\]]\s*$/.test(assistant)) flag('assistant-cut-off');
      if (/\?[^.?!]*$/.test(assistant.slice(-300))) flag('assistant-asks-at-end');
    }
    const current = new Set(tokens);
    const previousUser = new Set(contextTokens.previousUser);
    const withUser = overlap(current, previousUser);
    if (context.previousUserText.trim() !== '' && context.previousUserText.trim() === trimmed) flag('repeats-previous-exactly');
    flag(`previous-user-jaccard:${bucket(withUser.jaccard, [0, 0.1, 0.25, 0.5, 0.8])}`);
    flag(`previous-user-containment:${bucket(withUser.containment, [0, 0.2, 0.5, 0.8, 0.95])}`);
    if (assistant !== '' && current.size > 0) {
      // the trimmed text's view: the same tokens unless the text is long enough to be cut
      const assistantTokens = new Set(context.previousAssistantText.length <= 2000 ? contextTokens.assistant : featureTokens(annotatorView(assistant)));
      const withAssistant = overlap(assistantTokens, current);
      flag(`assistant-overlap:${bucket(withAssistant.containment, [0.1, 0.3, 0.6, 0.9])}`);
    }
  }
  builder.endFlagGroup(1);
  for (const cue of context.ruleCues) builder.add(NAMESPACES.cue, cue);
  builder.endFlagGroup(1);
}

/** The hashed feature vector of one user turn (see the file comment for the groups). */
export function turnFeatures(context: TurnContext, settings: TurnFeatureSettings): SparseVector {
  const builder = new HashedFeatureBuilder(settings.bits);
  const view = annotatorView(context.text);
  const tokens = featureTokens(view);

  const head = tokens.slice(0, 64);
  addWords(builder, head, NAMESPACES.head, NAMESPACES.headBigram);
  builder.endGroup(1);
  addCharacterGrams(builder, tokens.slice(0, 32));
  builder.endGroup(0.8);
  const opening = tokens.slice(0, 3);
  if (opening.length > 0) {
    builder.add(NAMESPACES.opening, `1:${opening[0]}`);
    if (opening.length > 1) builder.add(NAMESPACES.opening, `2:${opening.slice(0, 2).join(' ')}`);
    if (opening.length > 2) builder.add(NAMESPACES.opening, `3:${opening.join(' ')}`);
    builder.add(NAMESPACES.opening, `last:${tokens[tokens.length - 1]}`);
  }
  builder.endGroup(0.8);
  if (tokens.length > 96) {
    addWords(builder, tokens.slice(-32), NAMESPACES.tail, NAMESPACES.tailBigram);
    builder.endGroup(0.7);
  }
  addWords(builder, tokens, NAMESPACES.whole, NAMESPACES.wholeBigram);
  builder.endGroup(0.7);

  const contextTokens: ContextTokens =
    context.turn > 1
      ? { previousUser: featureTokens(annotatorView(context.previousUserText)), assistant: featureTokens(annotatorView(context.previousAssistantText)) }
      : { previousUser: [], assistant: [] };
  if (context.turn > 1) {
    addWords(builder, [...contextTokens.assistant.slice(0, 16), ...contextTokens.assistant.slice(-48)], NAMESPACES.assistant, undefined);
    builder.endGroup(0.5);
    addWords(builder, contextTokens.previousUser.slice(0, 32), NAMESPACES.previousUser, undefined);
    builder.endGroup(0.4);
  }
  addFlags(builder, context, tokens, contextTokens);
  return builder.build();
}

/** For tests and explanations: the hash of a feature name in a namespace, as turnFeatures computes it. */
export function featureHashOf(namespace: keyof typeof NAMESPACES, text: string): number {
  return hashText(NAMESPACES[namespace], text);
}
