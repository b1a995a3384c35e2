import { describe, expect, it } from 'vitest';
import { removeUserControlTokens } from '../../src/load/remove-control-tokens.js';

describe('removeUserControlTokens', () => {
  it('removes ###STOP###, <|endconversation|> and <END> from user text, drops token-only user messages, leaves assistant text alone', () => {
    const result = removeUserControlTokens([
      { role: 'user', text: 'book a flight please' },
      { role: 'assistant', text: 'I wrote <END> in my own text' },
      { role: 'user', text: 'thanks <|endconversation|>' },
      { role: 'user', text: ' ###STOP### ' },
      { role: 'user', text: '<END>' },
    ]);
    expect(result).toEqual({
      turns: [
        { role: 'user', text: 'book a flight please' },
        { role: 'assistant', text: 'I wrote <END> in my own text' },
        { role: 'user', text: 'thanks' },
      ],
      userEndedDialogue: true,
    });
  });

  it('keeps a dialogue as it is without tokens, and keeps an only user message that was a token as an empty one', () => {
    const plain = [{ role: 'user' as const, text: 'hello' }];
    expect(removeUserControlTokens(plain)).toEqual({ turns: plain, userEndedDialogue: false });
    expect(removeUserControlTokens([{ role: 'user', text: '###STOP###' }, { role: 'assistant', text: 'bye' }])).toEqual({
      turns: [{ role: 'user', text: '' }, { role: 'assistant', text: 'bye' }],
      userEndedDialogue: true,
    });
  });
});
