import { describe, expect, it } from 'vitest';
import { isTechnicalTerm } from './technical-term.js';

describe('isTechnicalTerm', () => {
  it('accepts camelCase, inner capitals, letter-digit mixes, joined pieces and acronyms', () => {
    for (const token of ['useState', 'JavaScript', 'OpenAI', 'iPhone', 'GPT-4', 'H100', 'B12', 'python3', 'node.js', 'snake_case', 'TCP/IP', 'C++', 'API', 'SQL', 'IRAs']) {
      expect(isTechnicalTerm(token), token).toBe(true);
    }
  });

  it('rejects ordinary words, hyphenated ordinary words, chat acronyms and single letters', () => {
    for (const token of ['python', 'Python', 'well-known', 'follow-up', 'OK', 'ASAP', 'LOL', 'I', 'a', 'Hello', '2024']) {
      expect(isTechnicalTerm(token), token).toBe(false);
    }
  });
});
