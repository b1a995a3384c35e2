/**
 * The truncation rule for long turns (documented in each dimension's README section on the llm backend):
 * a text longer than `maximumCharacters` keeps its first ⌈¾·max⌉ and last ⌊¼·max⌋ characters, joined by
 * " […N characters cut…] ". The start of a turn carries the request, the end often the instruction
 * after a paste, so both survive. Shorter texts pass unchanged. Cuts never split a UTF-16 surrogate pair.
 */
export function truncateForPrompt(text: string, maximumCharacters: number): string {
  if (text.length <= maximumCharacters) return text;
  let headEnd = Math.ceil((maximumCharacters * 3) / 4);
  let tailStart = text.length - Math.floor(maximumCharacters / 4);
  if (isHighSurrogate(text.charCodeAt(headEnd - 1))) headEnd -= 1;
  if (isLowSurrogate(text.charCodeAt(tailStart))) tailStart += 1;
  return `${text.slice(0, headEnd)} […${tailStart - headEnd} characters cut…] ${text.slice(tailStart)}`;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}
