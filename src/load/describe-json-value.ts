import { quoteForMessage } from '../core/realsim-error.js';

/** Names a parsed JSON value for an error message: `an array`, `null`, `the number "42"`, `the string "x"`. */
export function describeJsonValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return value.length === 0 ? 'an empty array' : `an array of ${value.length}`;
  if (typeof value === 'string') return `the string ${quoteForMessage(value)}`;
  if (typeof value === 'number') return `the number ${quoteForMessage(value)}`;
  if (typeof value === 'boolean') return `the boolean ${quoteForMessage(value)}`;
  if (typeof value === 'object') return `an object ${quoteForMessage(value)}`;
  return quoteForMessage(value);
}
