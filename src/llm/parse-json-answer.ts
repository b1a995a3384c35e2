import { InvalidLlmAnswerError } from './invalid-llm-answer-error.js';

/**
 * Reads a model's answer as one JSON object, tolerating what endpoints without JSON-schema support
 * produce: surrounding prose, ```json fences, a trailing remark. Tries, in order: the whole text; the
 * inside of the first code fence; the first balanced {...} (string-aware). Anything else is an invalid
 * answer (retried by the client, never cached).
 */
export function parseJsonAnswer(text: string): Record<string, unknown> {
  const candidates: string[] = [text.trim()];
  const fence = /```[a-zA-Z0-9_-]*\s*\n?([\s\S]*?)```/.exec(text);
  if (fence?.[1] !== undefined) candidates.push(fence[1].trim());
  const balanced = firstBalancedObject(text);
  if (balanced !== undefined) candidates.push(balanced);
  for (const candidate of candidates) {
    if (!candidate.startsWith('{')) continue;
    try {
      const value: unknown = JSON.parse(candidate);
      if (value !== null && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
    } catch {
      // try the next candidate
    }
  }
  const shown = text.length > 40 ? `${text.slice(0, 40)}…` : text;
  throw new InvalidLlmAnswerError(`expected one JSON object, found ${JSON.stringify(shown.replace(/\s+/g, ' '))}`);
}

/** The first {...} whose braces balance, ignoring braces inside JSON strings; undefined when none. */
export function firstBalancedObject(text: string): string | undefined {
  const start = text.indexOf('{');
  if (start < 0) return undefined;
  let depth = 0;
  let inString = false;
  let escaped = false;
  for (let index = start; index < text.length; index += 1) {
    const character = text[index];
    if (inString) {
      if (escaped) escaped = false;
      else if (character === '\\') escaped = true;
      else if (character === '"') inString = false;
      continue;
    }
    if (character === '"') inString = true;
    else if (character === '{') depth += 1;
    else if (character === '}') {
      depth -= 1;
      if (depth === 0) return text.slice(start, index + 1);
    }
  }
  return undefined;
}
