/**
 * Plain whitespace word count: `text.trim().split(/\s+/)`, with empty (or all-whitespace) text counting
 * as 0 words. No tokenizer, no punctuation handling: "don't stop!" is 2 words, "a , b" is 3. This is the
 * exact, reproducible count the length dimension reports (dimensions/length/README.md, issue 2 "Must show").
 */
export function countWhitespaceWords(text: string): number {
  const trimmed = text.trim();
  if (trimmed.length === 0) return 0;
  return trimmed.split(/\s+/).length;
}
