import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';
import { shortenLongRuns } from '../../src/core/shorten-long-runs.js';

type WinkInstance = ReturnType<typeof winkNLP>;
let sharedInstance: WinkInstance | undefined;

/** One wink-nlp instance (English lite model, sentence-boundary pipe only: ~0.2 s to load), made on first use. */
function winkInstance(): WinkInstance {
  sharedInstance ??= winkNLP(model, ['sbd']);
  return sharedInstance;
}

/**
 * The sentences of one message, by wink-nlp sentence-boundary detection (blank lines also end a
 * sentence). Whitespace-only sentences are dropped, so an empty message has no sentences. Runs of more than
 * 200 non-space characters are cut to 200 first (see shortenLongRuns).
 */
export function splitSentences(text: string): string[] {
  if (text.trim().length === 0) return [];
  return winkInstance()
    .readDoc(shortenLongRuns(text))
    .sentences()
    .out()
    .map((sentence) => sentence.trim())
    .filter((sentence) => sentence.length > 0);
}
