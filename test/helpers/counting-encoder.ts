import type { SentenceEncoder } from '../../dimensions/knowledge/sentence-encoder.js';

/** Fake 3-dim encoder for tests (vector = (words, characters, 1)); counts the texts it receives. */
export function countingEncoder(): SentenceEncoder & { textsReceived: number } {
  const encoder = {
    name: 'fake 3d',
    dimensions: 3,
    textsReceived: 0,
    async embed(texts: string[]) {
      encoder.textsReceived += texts.length;
      return texts.map((text) => new Float32Array([text.split(' ').length, text.length, 1]));
    },
    async dispose() {},
  };
  return encoder;
}
