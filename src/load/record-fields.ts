import { RealsimError } from '../core/realsim-error.js';
import { describeJsonValue } from './describe-json-value.js';

/** Reads optional typed fields of a record, failing with `<where>: expected <field> to be …, found …`. */
export function optionalString(record: Record<string, unknown>, field: string, where: string): string | undefined {
  const value = record[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') {
    throw new RealsimError('INPUT_INVALID_RECORD', `${where}: expected ${field} to be a string, found ${describeJsonValue(value)}`);
  }
  return value;
}

/** An identifier: a non-empty string or a finite number (written as text). */
export function optionalIdentifier(record: Record<string, unknown>, field: string, where: string): string | undefined {
  const value = record[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string' && value.length > 0) return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  throw new RealsimError('INPUT_INVALID_RECORD', `${where}: expected ${field} to be a non-empty string or a number, found ${describeJsonValue(value)}`);
}
