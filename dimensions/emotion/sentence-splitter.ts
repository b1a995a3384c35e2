import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';

type WinkInstance = ReturnType<typeof winkNLP>;
let sharedInstance: WinkInstance | undefined;

/** One wink-nlp instance (English lite model, sentence-boundary pipe only: ~0.2 s to load), made on first use. */
function winkInstance(): WinkInstance {
  sharedInstance ??= winkNLP(model, ['sbd']);
  return sharedInstance;
}

/**
 * The sentences of one message, by wink-nlp sentence-boundary detection (blank lines also end a
 * sentence). Whitespace-only sentences are dropped, so an empty message has no sentences.
 */
export function splitSentences(text: string): string[] {
  if (text.trim().length === 0) return [];
  return winkInstance()
    .readDoc(text)
    .sentences()
    .out()
    .map((sentence) => sentence.trim())
    .filter((sentence) => sentence.length > 0);
}
