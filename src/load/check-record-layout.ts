import { RealsimError } from '../core/realsim-error.js';
import { describeJsonValue } from './describe-json-value.js';
import { describeRecordKeys } from './describe-record-keys.js';
import { type InputFormat, LAYOUT_SIGNATURES, detectInputFormat } from './detect-input-format.js';

const REQUIRED_KEYS: Record<InputFormat, string[]> = {
  'realsim-json': ['conversation'],
  'wildchat-jsonl': ['conversation'],
  'openai-jsonl': ['messages'],
  sharegpt: ['conversations'],
  'mirrorbench-pairs': ['real', 'simulated'],
  'mirrorbench-turns': ['turns'],
  'tau-bench': ['traj'],
};

/**
 * Checks that the first record of a file fits the layout the caller forced (the --format override).
 * On a mismatch the message says which layout the record looks like, when one fits.
 */
export function checkRecordLayout(record: unknown, format: InputFormat, where: string): void {
  if (typeof record !== 'object' || record === null || Array.isArray(record)) {
    throw new RealsimError('INPUT_INVALID_RECORD', `${where}: expected a JSON object (one dialogue), found ${describeJsonValue(record)}`);
  }
  const fields = record as Record<string, unknown>;
  const missing = REQUIRED_KEYS[format].filter((key) => !Object.prototype.hasOwnProperty.call(fields, key));
  if (missing.length === 0) return;
  let hint = '';
  try {
    const detected = detectInputFormat(record, where);
    if (detected !== format) hint = `; it looks like ${detected}: drop the format override or use "${detected}"`;
  } catch {
    hint = '';
  }
  throw new RealsimError(
    'INPUT_UNKNOWN_LAYOUT',
    `${where}: expected a ${format} record (${LAYOUT_SIGNATURES[format]}) as the format override says, found ${describeRecordKeys(fields)}${hint}`,
  );
}
