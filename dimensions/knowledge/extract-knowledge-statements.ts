import { findNounChunks, type NounChunk } from './find-noun-chunks.js';
import { tagUserText, type TaggedToken } from './tag-user-text.js';

/** What one user turn says about the user's knowledge. Topics are short phrases; statements are sentences. */
export interface KnowledgeStatements {
  /** Topics the user uses or presupposes: names, technical terms, multi-word domain terms. */
  knownTopics: string[];
  /** Objects of the user's questions and admitted gaps ("how to merge dataframes", "backpropagation"). */
  unknownTopics: string[];
  /** "the user knows about X" for each known topic, then "the user does not know about Y" / "… how to Y". */
  statements: string[];
  /** Why a turn gave no statements although it has text, e.g. "not english". */
  skippedBecause?: string;
}

/** Changes whenever a rule changes: it is part of the cache namespace and of the backend string. */
export const EXTRACTOR_VERSION = 'rules-v1';
export const MAXIMUM_KNOWN_TOPICS_PER_TURN = 8;
export const MAXIMUM_UNKNOWN_TOPICS_PER_TURN = 4;
/** Characters of one turn that are analysed; long pastes beyond this add no statements. */
export const MAXIMUM_ANALYSED_CHARACTERS = 6000;

const WH_WORDS = new Set(['what', 'which', 'who', 'whom', 'how', 'why', 'where', 'when']);
const REQUEST_AUXILIARIES = new Set(['can', 'could', 'would', 'will']);
const OPENERS = new Set(['so', 'and', 'but', 'also', 'ok', 'okay', 'hi', 'hello', 'hey', 'please', 'then', 'now', 'well']);

/** Nouns too vague to be a topic on their own. */
const VAGUE_NOUNS = new Set([
  'thing', 'things', 'something', 'anything', 'everything', 'nothing', 'way', 'ways', 'lot', 'lots', 'help', 'question',
  'questions', 'answer', 'answers', 'example', 'examples', 'kind', 'type', 'sort', 'stuff', 'time', 'one', 'ones', 'bit',
  'part', 'idea', 'difference', 'meaning', 'point', 'reason', 'option', 'options', 'tips', 'tip', 'info', 'information',
  'list', 'text', 'response', 'version', 'today', 'day', 'people', 'person', 'man', 'woman', 'guy', 'sense', 'case',
  'place', 'step', 'steps', 'number', 'name', 'word', 'words', 'sentence', 'message', 'output', 'input', 'problem', 'issue',
]);

/** "how to do" / "how to get" say nothing without an object. */
const VAGUE_VERBS = new Set(['do', 'be', 'have', 'get', 'make', 'go', 'say', 'put']);

/**
 * Phrases that admit a gap or ask to be taught; the gap's object follows the phrase.
 * Matched on lemmas, so "don't"/"do not" both give "not", "wondering" gives "wonder".
 */
const GAP_CUES: string[][] = [
  ['not', 'know'], ['not', 'understand'], ['not', 'get'], ['not', 'sure'], ['no', 'idea'], ['confused'], ['confuse'],
  ['unfamiliar'], ['new', 'to'], ['never', 'hear'], ['wonder'], ['curious'], ['explain'], ['define'], ['clarify'],
  ['tell', 'me', 'about'], ['teach', 'me'], ['help', 'me', 'understand'], ['meaning', 'of'], ['difference', 'between'],
];
const SKIPPED_AFTER_CUE = new Set(['about', 'of', 'with', 'on', 'if', 'whether', 'to', 'by', 'me', 'it', 'this', 'that', 'the', 'a', 'an', 'in', 'here', 'why']);

interface GapMarker {
  /** Index where the object of the gap starts (a wh-word or the first word after a cue). */
  objectStart: number;
  position: number;
}

function matchesAt(sentence: TaggedToken[], index: number, cue: string[]): boolean {
  return cue.every((word, offset) => {
    const token = sentence[index + offset];
    return token !== undefined && (token.lemma === word || token.normal === word);
  });
}

function firstContentIndex(sentence: TaggedToken[]): number {
  let index = 0;
  while (index < sentence.length) {
    const token = sentence[index];
    if (!token || !(OPENERS.has(token.normal) || token.pos === 'PUNCT' || token.pos === 'INTJ')) break;
    index += 1;
  }
  return index;
}

/** The first place in a sentence where the user asks for information or admits not knowing. */
export function findKnowledgeGap(sentence: TaggedToken[]): GapMarker | undefined {
  const isQuestion = sentence.some((token) => token.text === '?');
  const candidates: GapMarker[] = [];
  for (let index = 0; index < sentence.length; index += 1) {
    for (const cue of GAP_CUES) {
      if (!matchesAt(sentence, index, cue)) continue;
      let objectStart = index + cue.length;
      while (objectStart < sentence.length && SKIPPED_AFTER_CUE.has(sentence[objectStart]?.normal ?? '')) objectStart += 1;
      candidates.push({ objectStart, position: index });
      break;
    }
  }
  const first = firstContentIndex(sentence);
  const opening = sentence[first];
  for (let index = 0; index < sentence.length; index += 1) {
    const token = sentence[index];
    if (!token || !WH_WORDS.has(token.normal)) continue;
    const opensSentence = index === first && token.normal !== 'when';
    if (isQuestion || opensSentence) candidates.push({ objectStart: index, position: index });
    break;
  }
  if (isQuestion && opening && opening.pos === 'AUX') {
    const next = sentence[first + 1];
    const isRequest = REQUEST_AUXILIARIES.has(opening.normal) && next?.normal === 'you';
    if (!isRequest) candidates.push({ objectStart: first + 1, position: first });
  }
  candidates.sort((a, b) => a.position - b.position);
  return candidates[0];
}

function isVagueChunk(chunk: NounChunk): boolean {
  return chunk.words.length === 1 && VAGUE_NOUNS.has(chunk.words[0]?.toLowerCase() ?? '');
}

/** A chunk worth stating as known: a name or technical term, or a compound of two or more words. */
function isTermLike(chunk: NounChunk): boolean {
  return chunk.namesSomething || chunk.words.length >= 2;
}

interface GapObject {
  topic: string;
  howTo: boolean;
  chunk?: NounChunk;
}

/**
 * The object of a gap: after "how" + verb, "how to <verb> <object>"; otherwise the first noun chunk from
 * the object start that is not vague ("the best way to learn Python" → "Python").
 */
function gapObject(sentence: TaggedToken[], marker: GapMarker, chunks: NounChunk[]): GapObject | undefined {
  const startToken = sentence[marker.objectStart];
  if (startToken?.normal === 'how') {
    const next = sentence[marker.objectStart + 1];
    const quantity = next !== undefined && (next.pos === 'ADJ' || next.pos === 'ADV');
    if (!quantity) {
      for (let index = marker.objectStart + 1; index < Math.min(sentence.length, marker.objectStart + 6); index += 1) {
        const token = sentence[index];
        if (!token) break;
        if (token.pos === 'VERB') {
          const objectChunk = chunks.find((chunk) => chunk.start > index && chunk.start <= index + 3);
          if (!objectChunk && VAGUE_VERBS.has(token.lemma)) break;
          const topic = objectChunk ? `how to ${token.lemma} ${objectChunk.words.join(' ')}` : `how to ${token.lemma}`;
          return objectChunk ? { topic, howTo: true, chunk: objectChunk } : { topic, howTo: true };
        }
        if (!['AUX', 'PRON', 'PART', 'ADV'].includes(token.pos)) break;
      }
    }
  }
  const candidates = chunks.filter((chunk) => chunk.start >= marker.objectStart && !isVagueChunk(chunk));
  const chunk = candidates[0];
  return chunk ? { topic: chunk.words.join(' '), howTo: false, chunk } : undefined;
}

const COORDINATORS = new Set(['and', 'or', 'vs', 'versus', 'vs.', '/']);

/** Chunks coordinated with the gap object: "a Roth IRA and a 401k", "GPT-4 or Claude". */
function coordinatedChunks(sentence: TaggedToken[], first: NounChunk, chunks: NounChunk[]): NounChunk[] {
  const result: NounChunk[] = [];
  let previous = first;
  for (const chunk of chunks) {
    if (chunk.start < previous.end) continue;
    const between = sentence.slice(previous.end, chunk.start).filter((token) => token.pos !== 'DET');
    if (between.length !== 1 || !COORDINATORS.has(between[0]?.normal ?? '')) break;
    result.push(chunk);
    previous = chunk;
  }
  return result;
}

function stripUnanalysedText(text: string): string {
  return text
    .slice(0, MAXIMUM_ANALYSED_CHARACTERS)
    .replace(/```[\s\S]*?(```|$)/g, ' ')
    .replace(/<PRESIDIO_ANONYMIZED_[A-Z_]+>/g, ' ')
    .replace(/\bNAME_\d+\b/g, ' ')
    .replace(/https?:\/\/\S+/g, ' ');
}

/** Share of letters that are basic Latin; below 0.7 the English tagger's output is noise. */
function latinLetterShare(text: string): number {
  const letters = text.match(/\p{L}/gu)?.length ?? 0;
  if (letters === 0) return 1;
  const latin = text.match(/[A-Za-z]/g)?.length ?? 0;
  return latin / letters;
}

export function knownStatement(topic: string): string {
  return `the user knows about ${topic}`;
}

export function unknownStatement(topic: string): string {
  return topic.startsWith('how to ') ? `the user does not know ${topic}` : `the user does not know about ${topic}`;
}

/**
 * Offline knowledge extractor for one user turn (rules in dimensions/knowledge/README.md).
 * Deterministic; uses wink-nlp POS tags plus the capitalization and technical-term shape rules.
 */
export function extractKnowledgeStatements(text: string): KnowledgeStatements {
  const analysed = stripUnanalysedText(text);
  if (analysed.trim().length === 0) return { knownTopics: [], unknownTopics: [], statements: [] };
  if (latinLetterShare(analysed) < 0.7) {
    return { knownTopics: [], unknownTopics: [], statements: [], skippedBecause: 'not english' };
  }
  const known: string[] = [];
  const unknown: string[] = [];
  const seenKnown = new Set<string>();
  const seenUnknown = new Set<string>();
  for (const sentence of tagUserText(analysed)) {
    const chunks = findNounChunks(sentence);
    const marker = findKnowledgeGap(sentence);
    const object = marker ? gapObject(sentence, marker, chunks) : undefined;
    const objectChunks = new Set<NounChunk>();
    const objectTopics: string[] = [];
    if (object) {
      objectTopics.push(object.topic);
      if (object.chunk) {
        objectChunks.add(object.chunk);
        if (!object.howTo) {
          for (const chunk of coordinatedChunks(sentence, object.chunk, chunks)) {
            objectChunks.add(chunk);
            objectTopics.push(chunk.words.join(' '));
          }
        }
      }
    }
    for (const topic of objectTopics) {
      if (seenUnknown.has(topic.toLowerCase())) continue;
      seenUnknown.add(topic.toLowerCase());
      unknown.push(topic);
    }
    for (const chunk of chunks) {
      if (objectChunks.has(chunk) || !isTermLike(chunk) || isVagueChunk(chunk)) continue;
      const topic = chunk.words.join(' ');
      if (seenKnown.has(topic.toLowerCase())) continue;
      seenKnown.add(topic.toLowerCase());
      known.push(topic);
    }
  }
  const knownTopics = known
    .filter((topic) => !seenUnknown.has(topic.toLowerCase()))
    .slice(0, MAXIMUM_KNOWN_TOPICS_PER_TURN);
  const unknownTopics = unknown.slice(0, MAXIMUM_UNKNOWN_TOPICS_PER_TURN);
  return {
    knownTopics,
    unknownTopics,
    statements: [...knownTopics.map(knownStatement), ...unknownTopics.map(unknownStatement)],
  };
}
