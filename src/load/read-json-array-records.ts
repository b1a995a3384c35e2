import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { RealsimError } from '../core/realsim-error.js';
import { decodeUtf8Strictly } from './decode-utf8-strictly.js';
import { describeByteSize } from './describe-byte-size.js';
import { describeJsonValue } from './describe-json-value.js';
import { explainJsonSyntaxError } from './explain-json-syntax-error.js';
import type { FileFingerprint, InputRecord } from './input-record.js';

function describeBytePlace(file: string, bytes: Uint8Array, offset: number): string {
  let line = 1;
  let lineStart = 0;
  for (let index = bytes.indexOf(0x0a); index !== -1 && index < offset; index = bytes.indexOf(0x0a, index + 1)) {
    line += 1;
    lineStart = index + 1;
  }
  return `${file} line ${line} column ${offset - lineStart + 1}`;
}

/**
 * Reads a file holding one JSON array of records (whole file in memory, so it is size-limited). With
 * `acceptOneObject`, a file holding one JSON object (pretty-printed over many lines) is one record.
 */
export async function readJsonArrayRecords(
  file: string,
  maximumFileBytes: number,
  acceptOneObject = false,
): Promise<{ records: InputRecord[]; fingerprint: FileFingerprint }> {
  const { size } = await stat(file);
  if (size > maximumFileBytes) {
    throw new RealsimError(
      'INPUT_TOO_LARGE',
      `${file}: expected a JSON file of at most ${describeByteSize(maximumFileBytes)}, found ${describeByteSize(size)} (write large inputs as JSONL, one record per line)`,
    );
  }
  const bytes = await readFile(file);
  const fingerprint: FileFingerprint = {
    path: file,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    bytes: bytes.length,
  };
  const text = decodeUtf8Strictly(bytes, (offset) => describeBytePlace(file, bytes, offset));
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    const problem = explainJsonSyntaxError(text, 'the end of the file');
    const place = problem.line === undefined ? file : `${file} line ${problem.line} column ${problem.column}`;
    throw new RealsimError('INPUT_INVALID_JSON', `${place}: expected valid JSON (${problem.expected}), found ${problem.found}`, {
      cause: error,
    });
  }
  if (acceptOneObject && typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) {
    return { records: [{ value: parsed, where: `${file} record 0`, recordIndex: 0 }], fingerprint };
  }
  if (!Array.isArray(parsed)) {
    throw new RealsimError('INPUT_UNKNOWN_LAYOUT', `${file}: expected a JSON array of records, found ${describeJsonValue(parsed)}`);
  }
  if (parsed.length === 0) {
    throw new RealsimError('INPUT_EMPTY', `${file}: expected at least one record, found an empty array`);
  }
  const records = parsed.map((value: unknown, recordIndex): InputRecord => ({ value, where: `${file} record ${recordIndex}`, recordIndex }));
  return { records, fingerprint };
}
