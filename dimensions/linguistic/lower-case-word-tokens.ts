/**
 * Tokens for lexical diversity (MTLD): the text is lower-cased, then every run of letters, combining
 * marks and digits is a token, with inner apostrophes kept ("don't", "user’s" are one token each).
 * Punctuation, symbols and emoji are not tokens; hyphens split ("well-known" → "well", "known").
 * Lower-casing makes "The" and "the" one type, as in McCarthy & Jarvis (2010).
 */
const wordTokenPattern = /[\p{L}\p{M}\p{N}]+(?:['’][\p{L}\p{M}\p{N}]+)*/gu;

export function lowerCaseWordTokens(text: string): string[] {
  return text.toLowerCase().match(wordTokenPattern) ?? [];
}
