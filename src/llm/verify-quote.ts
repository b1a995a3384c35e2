/**
 * Whether a quote a model gave as evidence really occurs in the user's text. Both are compared in a
 * normalized form (NFKC, lower case, curly quotes and dashes straightened, runs of white space as one
 * space); surrounding quote marks and trailing punctuation of the quote are ignored, and an ellipsis
 * ("..." or "…") inside the quote matches any gap, its parts having to occur in order. Quotes shorter than
 * 3 characters after normalization never verify (they would match almost anything).
 */
export function quoteOccursInText(quote: string, text: string): boolean {
  const haystack = normalizeForQuoteMatch(text);
  const parts = normalizeForQuoteMatch(quote)
    .replace(/^["'\s]+|["'\s.,;:!?]+$/g, '')
    .split(/\s*(?:\.\.\.|…)\s*/)
    .map((part) => part.trim())
    .filter((part) => part.length > 0);
  if (parts.join(' ').length < 3) return false;
  let from = 0;
  for (const part of parts) {
    const found = haystack.indexOf(part, from);
    if (found < 0) return false;
    from = found + part.length;
  }
  return true;
}

export function normalizeForQuoteMatch(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u2018\u2019\u201a\u201b\u2032]/g, "'")
    .replace(/[\u201c\u201d\u201e\u201f\u2033]/g, '"')
    .replace(/[\u2010-\u2015]/g, '-')
    .replace(/\s+/g, ' ')
    .trim();
}
