import { open } from 'node:fs/promises';
import { RealsimError } from '../core/realsim-error.js';

/** How a file holds its records: one JSON array, or one JSON value per line. */
export type FileContainer = 'json-array' | 'jsonl';

const PROBE_BYTES = 64 * 1024;

function isJsonWhitespace(byte: number): boolean {
  return byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;
}

function describeByteOrderMark(bytes: Uint8Array): string | undefined {
  const [first, second, third, fourth] = bytes;
  if (first === 0xff && second === 0xfe && third === 0 && fourth === 0) return 'a UTF-32 LE byte-order mark';
  if (first === 0 && second === 0 && third === 0xfe && fourth === 0xff) return 'a UTF-32 BE byte-order mark';
  if (first === 0xff && second === 0xfe) return 'a UTF-16 LE byte-order mark';
  if (first === 0xfe && second === 0xff) return 'a UTF-16 BE byte-order mark';
  return undefined;
}

/**
 * Reads the start of a file to refuse UTF-16/UTF-32 input and empty files, and to choose the container:
 * a file whose first non-whitespace character is "[" is one JSON array; anything else is read as JSONL.
 */
export async function inspectFileStart(file: string): Promise<FileContainer> {
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.alloc(PROBE_BYTES);
    let position = 0;
    let totalRead = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, PROBE_BYTES, position);
      if (position === 0) {
        const head = buffer.subarray(0, bytesRead);
        const mark = describeByteOrderMark(head);
        if (mark) {
          throw new RealsimError('INPUT_ENCODING', `${file}: expected UTF-8 text, found ${mark} (re-save the file as UTF-8)`);
        }
        const zeroIndex = head.subarray(0, 4).indexOf(0);
        if (bytesRead >= 2 && zeroIndex !== -1) {
          throw new RealsimError(
            'INPUT_ENCODING',
            `${file}: expected UTF-8 text, found a NUL byte at byte ${zeroIndex} (UTF-16 without a byte-order mark, or a binary file)`,
          );
        }
      }
      if (bytesRead === 0) {
        const what = totalRead === 0 ? 'an empty file (0 bytes)' : 'only whitespace';
        throw new RealsimError('INPUT_EMPTY', `${file}: expected at least one record, found ${what}`);
      }
      let start = 0;
      if (position === 0 && buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf) start = 3;
      for (let index = start; index < bytesRead; index += 1) {
        const byte = buffer[index] ?? 0;
        if (!isJsonWhitespace(byte)) return byte === 0x5b ? 'json-array' : 'jsonl';
      }
      position += bytesRead;
      totalRead += bytesRead;
    }
  } finally {
    await handle.close();
  }
}
