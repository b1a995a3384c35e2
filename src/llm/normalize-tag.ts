import { InvalidLlmAnswerError } from './invalid-llm-answer-error.js';

/**
 * Maps a tag as a model wrote it to one of `allowed`: lower case; a leading '#' and surrounding quotes or
 * spaces removed; spaces and hyphens become underscores. A form not in `allowed` is looked up in the
 * explicit `aliases` table (keys in that same normalized form); anything else is an invalid answer that
 * names the valid choices.
 */
export function normalizeTag(raw: unknown, allowed: readonly string[], aliases: Readonly<Record<string, string>>, where: string): string {
  if (typeof raw !== 'string') throw new InvalidLlmAnswerError(`${where}: expected a tag string, found ${JSON.stringify(raw)}`);
  const form = normalizedTagForm(raw);
  if (allowed.includes(form)) return form;
  const alias = aliases[form];
  if (alias !== undefined && allowed.includes(alias)) return alias;
  throw new InvalidLlmAnswerError(`${where}: expected one of ${allowed.join(', ')}, found ${JSON.stringify(raw)}`);
}

export function normalizedTagForm(raw: string): string {
  return raw
    .trim()
    .replace(/^["'`]+|["'`]+$/g, '')
    .replace(/^#+/, '')
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
}

/** Normalizes a list of tags: each mapped, duplicates removed, result in the order of `allowed`. */
export function normalizeTagList(raw: unknown, allowed: readonly string[], aliases: Readonly<Record<string, string>>, where: string): string[] {
  if (!Array.isArray(raw)) throw new InvalidLlmAnswerError(`${where}: expected a list of tags, found ${JSON.stringify(raw)}`);
  const found = new Set(raw.map((tag, index) => normalizeTag(tag, allowed, aliases, `${where}[${index}]`)));
  return allowed.filter((tag) => found.has(tag));
}
