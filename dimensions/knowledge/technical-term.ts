/**
 * Whether one token has the shape of a technical term or product name, whatever its POS tag:
 * - an inner capital after a lower-case letter: camelCase, JavaScript, OpenAI, iPhone;
 * - letters and digits together, letters first: GPT-4, H100, B12, python3;
 * - joined pieces: node.js, scikit-learn, p-value, snake_case, TCP/IP, C++;
 * - an acronym of 2–6 capitals, optionally plural: API, SQL, CBD, IRAs.
 * Common all-capital chat words (OK, ASAP, LOL, …) are not terms.
 */
const NOT_ACRONYMS = new Set(['OK', 'ASAP', 'FYI', 'LOL', 'OMG', 'BTW', 'PS', 'AM', 'PM', 'TBH', 'IMO', 'PLS', 'THX', 'NO', 'YES', 'HI', 'ETC']);

export function isTechnicalTerm(token: string): boolean {
  if (token.length < 2 || token.length > 40) return false;
  if (/^[A-Z]{2,6}s?$/.test(token)) return !NOT_ACRONYMS.has(token.replace(/s$/, ''));
  if (/[a-z][A-Z]/.test(token) && /^[A-Za-z][A-Za-z0-9]*$/.test(token)) return true;
  if (/^[A-Za-z]+-?\d+[A-Za-z0-9]*$/.test(token)) return true;
  if (/^[A-Za-z][A-Za-z0-9]*(?:[-._/+][A-Za-z0-9]+)+$/.test(token) || /^[A-Za-z]\+\+$/.test(token)) {
    // hyphenated ordinary words ("well-known", "follow-up") are not technical terms
    if (/^[a-z]+(?:-[a-z]+)+$/.test(token)) return false;
    return true;
  }
  return false;
}
