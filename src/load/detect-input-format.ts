import { RealsimError } from '../core/realsim-error.js';
import { describeJsonValue } from './describe-json-value.js';
import { describeRecordKeys } from './describe-record-keys.js';

/** The record layouts realsim reads. Every layout is accepted both as a JSON array and as JSONL. */
export const INPUT_FORMATS = [
  'realsim-json',
  'openai-jsonl',
  'wildchat-jsonl',
  'sharegpt',
  'mirrorbench-pairs',
  'mirrorbench-turns',
  'tau-bench',
] as const;

export type InputFormat = (typeof INPUT_FORMATS)[number];

/** The field (or fields) that identify each layout, as listed in error messages. */
export const LAYOUT_SIGNATURES: Record<InputFormat, string> = {
  'realsim-json': '"conversation_id" + "conversation"',
  'wildchat-jsonl': '"conversation" with "conversation_hash", "turn" or "timestamp"',
  'openai-jsonl': '"messages"',
  sharegpt: '"conversations"',
  'mirrorbench-pairs': '"pair_id", "real" + "simulated"',
  'mirrorbench-turns': '"turns"',
  'tau-bench': '"task_id" + "traj"',
};

const WILDCHAT_MARKERS = ['conversation_hash', 'turn', 'timestamp', 'openai_moderation', 'detoxify_moderation'];

/**
 * Finds the layout of a file from its first record. Priority: pair files first (a pair record holds
 * messages inside "real"/"simulated"), then MirrorBench turns, tau-bench trajectories, ShareGPT,
 * OpenAI messages, and finally the "conversation" layouts (WildChat/LMSYS exports carry
 * conversation_hash/turn/timestamp; the realsim files carry only conversation_id, model, conversation).
 * `where` names the record in error messages (e.g. "data.jsonl line 1").
 */
export function detectInputFormat(firstRecord: unknown, where: string): InputFormat {
  if (typeof firstRecord !== 'object' || firstRecord === null || Array.isArray(firstRecord)) {
    throw new RealsimError('INPUT_INVALID_RECORD', `${where}: expected a JSON object (one dialogue), found ${describeJsonValue(firstRecord)}`);
  }
  const record = firstRecord as Record<string, unknown>;
  const has = (key: string): boolean => Object.prototype.hasOwnProperty.call(record, key);
  if (has('pair_id') || (has('real') && has('simulated'))) return 'mirrorbench-pairs';
  if (has('turns')) return 'mirrorbench-turns';
  if (has('traj')) return 'tau-bench';
  if (has('conversations')) return 'sharegpt';
  if (has('messages')) return 'openai-jsonl';
  if (has('conversation')) {
    return WILDCHAT_MARKERS.some(has) ? 'wildchat-jsonl' : 'realsim-json';
  }
  const known = INPUT_FORMATS.map((format) => `${format} (${LAYOUT_SIGNATURES[format]})`).join(', ');
  throw new RealsimError(
    'INPUT_UNKNOWN_LAYOUT',
    `${where}: expected a record in one of the known layouts ${known}, found ${describeRecordKeys(record)}`,
  );
}
