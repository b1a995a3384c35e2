import { describe, expect, it } from 'vitest';
import { shortenLongRuns } from '../../src/core/shorten-long-runs.js';
import { splitSentences } from '../../dimensions/emotion/sentence-splitter.js';

describe('shortenLongRuns', () => {
  it('cuts runs of more than n non-space characters to n and leaves everything else alone', () => {
    expect(shortenLongRuns('ab abcdef\tabc', 3)).toBe('ab abc\tabc');
    expect(shortenLongRuns('abcd', 4)).toBe('abcd');
    expect(shortenLongRuns('x'.repeat(9) + ' y', 2)).toBe('xx y');
    const plain = 'Hello there. How are you?';
    expect(shortenLongRuns(plain)).toBe(plain);
  });
  it('lets a message with a single 10 MB token through the sentence splitter (it overflowed the stack)', () => {
    expect(splitSentences(`Hello there. ${'a'.repeat(10_000_000)} bye.`)).toEqual(['Hello there.', `${'a'.repeat(200)} bye.`]);
  });
});
