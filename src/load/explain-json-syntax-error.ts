import { quoteForMessage } from '../core/realsim-error.js';
import { locateJsonSyntaxError } from './locate-json-syntax-error.js';

export interface JsonSyntaxProblem {
  /** 1-based line and column inside `text` (absent only if the failure cannot be located). */
  line?: number;
  column?: number;
  /** What was expected there, e.g. `a value after "," or "["`. */
  expected: string;
  /** The text at the failure (quoted, shortened), or `endName` at the end of the input. */
  found: string;
}

/**
 * Explains why JSON text failed to parse: line, column, what was expected and what stands there.
 * Uses realsim's own checker (locateJsonSyntaxError) so messages do not depend on the V8 version.
 */
export function explainJsonSyntaxError(text: string, endName: string): JsonSyntaxProblem {
  const location = locateJsonSyntaxError(text);
  if (!location) return { expected: 'valid JSON', found: 'text JSON.parse refused' };
  const { offset } = location;
  let line = 1;
  let lineStart = 0;
  for (let index = text.indexOf('\n'); index !== -1 && index < offset; index = text.indexOf('\n', index + 1)) {
    line += 1;
    lineStart = index + 1;
  }
  const rest = text.slice(offset).split(/\r?\n/, 1)[0] ?? '';
  const found = offset >= text.length ? endName : rest.length > 0 ? quoteForMessage(rest, 20) : 'the end of the line';
  return { line, column: offset - lineStart + 1, expected: location.expected, found };
}
