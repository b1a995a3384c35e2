import { shortenLongRuns } from '../../src/core/shorten-long-runs.js';
import winkNLP from 'wink-nlp';
import englishLiteModel from 'wink-eng-lite-web-model';

/** One token after wink-nlp tagging and realsim's merging of joined pieces ("node.js", "p-value"). */
export interface TaggedToken {
  text: string;
  /** Universal POS tag from wink-nlp (NOUN, PROPN, VERB, AUX, ADJ, PRON, DET, ADP, PUNCT, …). */
  pos: string;
  lemma: string;
  /** Lower-cased text. */
  normal: string;
}

export type TaggedSentence = TaggedToken[];

type WinkInstance = ReturnType<typeof winkNLP>;
let sharedInstance: WinkInstance | undefined;

function winkInstance(): WinkInstance {
  sharedInstance ??= winkNLP(englishLiteModel);
  return sharedInstance;
}

const SENTENCE_END = new Set(['.', '!', '?']);
const JOINERS = new Set(['-', '.', '_', '/', '+']);

/**
 * Tags user text with wink-nlp (wink-eng-lite-web-model) and splits it into sentences.
 * Pieces written without spaces around "-", ".", "_", "/" or "+" are merged back into one token
 * ("node.js", "p-value", "scikit-learn"), and so are a number and the letters right after it ("401k",
 * "5G"), since wink splits them. Sentences end at ".", "!", "?"
 * and at line breaks (pasted lists and code have no full stops). Runs of more than 200 non-space characters
 * are cut to 200 first (see shortenLongRuns).
 */
export function tagUserText(text: string): TaggedSentence[] {
  const nlp = winkInstance();
  const its = nlp.its;
  const tokens = nlp.readDoc(shortenLongRuns(text)).tokens();
  // wink's typings declare lemma and precedingSpaces with their raw-data signatures, not as ItsFunctions
  const read = (itsFunction: unknown): string[] => tokens.out(itsFunction as Parameters<typeof tokens.out>[0]) as string[];
  const values = read(its.value);
  const tags = read(its.pos);
  const lemmas = read(its.lemma);
  const spaces = read(its.precedingSpaces);

  const merged: Array<TaggedToken & { lineBreakBefore: boolean }> = [];
  for (let index = 0; index < values.length; index += 1) {
    const value = values[index] ?? '';
    const before = spaces[index] ?? '';
    const next = values[index + 1];
    const previous = merged[merged.length - 1];
    const joinsPrevious =
      previous !== undefined &&
      before === '' &&
      JOINERS.has(value) &&
      next !== undefined &&
      (spaces[index + 1] ?? ' ') === '' &&
      /^\w/.test(next) &&
      /\w$/.test(previous.text);
    const unitAfterNumber =
      previous !== undefined && before === '' && /^\d+$/.test(previous.text) && /^[A-Za-z]{1,3}$/.test(value);
    if (unitAfterNumber && previous) {
      previous.text = `${previous.text}${value}`;
      previous.normal = previous.text.toLowerCase();
      previous.lemma = previous.normal;
      previous.pos = 'NOUN';
      continue;
    }
    if (joinsPrevious && previous) {
      previous.text = `${previous.text}${value}${next}`;
      previous.normal = previous.text.toLowerCase();
      previous.lemma = previous.normal;
      if (!['PROPN', 'NOUN', 'ADJ'].includes(previous.pos)) previous.pos = 'NOUN';
      index += 1;
      continue;
    }
    merged.push({
      text: value,
      pos: tags[index] ?? 'X',
      lemma: lemmas[index] ?? value.toLowerCase(),
      normal: value.toLowerCase(),
      lineBreakBefore: before.includes('\n'),
    });
  }

  const sentences: TaggedSentence[] = [];
  let current: TaggedToken[] = [];
  for (const token of merged) {
    if (token.lineBreakBefore && current.length > 0) {
      sentences.push(current);
      current = [];
    }
    current.push({ text: token.text, pos: token.pos, lemma: token.lemma, normal: token.normal });
    if (token.pos === 'PUNCT' && SENTENCE_END.has(token.text)) {
      sentences.push(current);
      current = [];
    }
  }
  if (current.length > 0) sentences.push(current);
  return sentences;
}
