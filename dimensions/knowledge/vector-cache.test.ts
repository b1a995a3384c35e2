import { describe, expect, it } from 'vitest';
import { contentKey, createMemoryCache } from '../../src/annotate/annotation-cache.js';
import { silentProgress } from '../../src/cli/progress-reporter.js';
import type { SentenceEncoder } from './sentence-encoder.js';
import { decodeVector, embedWithCache, encodeVector } from './vector-cache.js';

/** A fake 2-dim encoder: vector = (length of text, 1); records every text it is asked for. */
function countingEncoder(): SentenceEncoder & { received: string[][] } {
  const received: string[][] = [];
  return {
    name: 'fake 2d',
    dimensions: 2,
    received,
    async embed(texts) {
      received.push([...texts]);
      return texts.map((text) => new Float32Array([text.length, 1]));
    },
    async dispose() {},
  };
}

describe('vector codec', () => {
  it('round-trips float32 values exactly through base64', () => {
    // 0.1 is not a float32; it comes back as Math.fround(0.1) = 0.10000000149011612
    const encoded = encodeVector([0.5, -2, 0.1]);
    expect(encoded).toBe('AAAAPwAAAMDNzMw9');
    expect(decodeVector(encoded)).toEqual([0.5, -2, Math.fround(0.1)]);
  });
});

describe('embedWithCache', () => {
  it('embeds each unique text once and answers the second call from the cache', async () => {
    const cache = createMemoryCache();
    const encoder = countingEncoder();
    const first = await embedWithCache(['abc', 'de', 'abc'], encoder, cache, 'knowledge:test', silentProgress);
    expect(encoder.received).toEqual([['abc', 'de']]);
    expect(first.get('abc')).toEqual([3, 1]);
    expect(first.get('de')).toEqual([2, 1]);
    expect(cache.get('knowledge:test', contentKey('de'))).toBe(encodeVector([2, 1]));

    const second = await embedWithCache(['de', 'abc', 'fghi'], encoder, cache, 'knowledge:test', silentProgress);
    // only the new text reaches the encoder
    expect(encoder.received).toEqual([['abc', 'de'], ['fghi']]);
    expect(second.get('fghi')).toEqual([4, 1]);

    await embedWithCache(['abc', 'de', 'fghi'], encoder, cache, 'knowledge:test', silentProgress);
    expect(encoder.received).toHaveLength(2);
  });
});
