import { isRealsimError } from '../core/realsim-error.js';
import type { FileFingerprint, InputRecord, ReadLimits } from './input-record.js';
import { inspectFileStart } from './inspect-file-start.js';
import { readJsonArrayRecords } from './read-json-array-records.js';
import { readJsonlRecords } from './read-jsonl-records.js';

/**
 * Reads every record of one file, whatever its container: a JSON array (first non-whitespace
 * character "[") or JSONL (streamed). A file whose first line is not JSON but which as a whole is ONE
 * JSON object (a dialogue pretty-printed over many lines) is that one record. `visit` sees the records
 * in file order.
 */
export async function readInputRecords(
  file: string,
  limits: ReadLimits,
  visit: (record: InputRecord) => void,
): Promise<FileFingerprint> {
  const container = await inspectFileStart(file);
  if (container === 'json-array') {
    const { records, fingerprint } = await readJsonArrayRecords(file, limits.maximumFileBytes);
    for (const record of records) visit(record);
    return fingerprint;
  }
  let visited = 0;
  try {
    const { fingerprint } = await readJsonlRecords(file, limits.maximumLineBytes, (record) => {
      visited += 1;
      visit(record);
    });
    return fingerprint;
  } catch (error) {
    if (visited > 0 || !isRealsimError(error) || error.code !== 'INPUT_INVALID_JSON') throw error;
    const whole = await readJsonArrayRecords(file, limits.maximumFileBytes, true).catch(() => undefined);
    if (!whole || whole.records.length !== 1 || Array.isArray(whole.records[0]?.value)) throw error;
    visit(whole.records[0]!);
    return whole.fingerprint;
  }
}
