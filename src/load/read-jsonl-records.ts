import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { RealsimError } from '../core/realsim-error.js';
import { decodeUtf8Strictly } from './decode-utf8-strictly.js';
import { describeByteSize } from './describe-byte-size.js';
import { explainJsonSyntaxError } from './explain-json-syntax-error.js';
import type { FileFingerprint, InputRecord } from './input-record.js';

const NEWLINE = 0x0a;
const CARRIAGE_RETURN = 0x0d;
const CHUNK_BYTES = 1024 * 1024;

function parseLine(file: string, lineNumber: number, bytes: Uint8Array): InputRecord | undefined {
  let end = bytes.length;
  if (end > 0 && bytes[end - 1] === CARRIAGE_RETURN) end -= 1;
  const text = decodeUtf8Strictly(bytes.subarray(0, end), (offset) => `${file} line ${lineNumber} column ${offset + 1}`);
  if (text.trim().length === 0) return undefined;
  const where = `${file} line ${lineNumber}`;
  try {
    return { value: JSON.parse(text) as unknown, where, line: lineNumber };
  } catch (error) {
    const problem = explainJsonSyntaxError(text, 'the end of the line');
    const place = problem.column === undefined ? where : `${where} column ${problem.column}`;
    throw new RealsimError(
      'INPUT_INVALID_JSON',
      `${place}: expected valid JSON on this line (${problem.expected}), found ${problem.found}`,
      { cause: error },
    );
  }
}

/**
 * Streams a JSONL file line by line (1 MiB chunks), hashing it on the way. A line longer than
 * `maximumLineBytes` is refused as soon as the limit is passed, so memory stays near the limit even
 * for a multi-gigabyte line. Blank lines are skipped; a UTF-8 byte-order mark on line 1 is dropped.
 */
export async function readJsonlRecords(
  file: string,
  maximumLineBytes: number,
  visit: (record: InputRecord) => void,
): Promise<{ fingerprint: FileFingerprint; recordCount: number }> {
  const hash = createHash('sha256');
  let totalBytes = 0;
  let lineNumber = 0;
  let recordCount = 0;
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  const refuseLongLine = (): never => {
    throw new RealsimError(
      'INPUT_TOO_LARGE',
      `${file} line ${lineNumber + 1}: expected a line of at most ${describeByteSize(maximumLineBytes)}, found a longer line (store such records in a .json array file, which may hold up to 512 MiB)`,
    );
  };
  const finishLine = (bytes: Uint8Array): void => {
    lineNumber += 1;
    const record = parseLine(file, lineNumber, bytes);
    if (record) {
      recordCount += 1;
      visit(record);
    }
  };
  const stream = createReadStream(file, { highWaterMark: CHUNK_BYTES });
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    hash.update(chunk);
    totalBytes += chunk.length;
    let start = 0;
    for (;;) {
      const newline = chunk.indexOf(NEWLINE, start);
      const piece = chunk.subarray(start, newline === -1 ? chunk.length : newline);
      if (pendingBytes + piece.length > maximumLineBytes) refuseLongLine();
      if (newline === -1) {
        if (piece.length > 0) {
          pending.push(piece);
          pendingBytes += piece.length;
        }
        break;
      }
      finishLine(pending.length === 0 ? piece : Buffer.concat([...pending, piece]));
      pending = [];
      pendingBytes = 0;
      start = newline + 1;
    }
  }
  if (pending.length > 0) finishLine(Buffer.concat(pending));
  if (recordCount === 0) {
    throw new RealsimError('INPUT_EMPTY', `${file}: expected at least one record, found only blank lines`);
  }
  return { fingerprint: { path: file, sha256: hash.digest('hex'), bytes: totalBytes }, recordCount };
}
