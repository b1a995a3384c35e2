import { describe, expect, it } from 'vitest';
import { RealsimError, quoteForMessage } from '../src/core/realsim-error.js';

describe('RealsimError', () => {
  it('carries a code and a one-line message', () => {
    const error = new RealsimError('USAGE', 'option --seed: expected an integer, found "x"');
    expect(error.code).toBe('USAGE');
    expect(error.message).not.toContain('\n');
  });
  it('quotes and shortens values for messages', () => {
    expect(quoteForMessage('a\nb')).toBe('"a b"');
    expect(quoteForMessage('x'.repeat(100), 5)).toBe('"xxxxx…"');
    expect(quoteForMessage(42)).toBe('"42"');
  });
});
