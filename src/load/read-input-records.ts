import type { FileFingerprint, InputRecord, ReadLimits } from './input-record.js';
import { inspectFileStart } from './inspect-file-start.js';
import { readJsonArrayRecords } from './read-json-array-records.js';
import { readJsonlRecords } from './read-jsonl-records.js';

/**
 * Reads every record of one file, whatever its container: a JSON array (first non-whitespace
 * character "[") or JSONL (streamed). `visit` sees the records in file order.
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
  const { fingerprint } = await readJsonlRecords(file, limits.maximumLineBytes, visit);
  return fingerprint;
}
