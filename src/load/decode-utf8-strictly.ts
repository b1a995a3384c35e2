import { RealsimError } from '../core/realsim-error.js';
import { findInvalidUtf8Offset } from './find-invalid-utf8-offset.js';

const strictDecoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/**
 * Decodes UTF-8 with a fatal TextDecoder (a leading UTF-8 byte-order mark is dropped). On failure,
 * `describePlace(offset)` names where the first bad byte sits (e.g. "data.jsonl line 4 byte 17").
 */
export function decodeUtf8Strictly(bytes: Uint8Array, describePlace: (byteOffset: number) => string): string {
  try {
    return strictDecoder.decode(bytes);
  } catch (error) {
    const offset = Math.max(0, findInvalidUtf8Offset(bytes));
    const value = bytes[offset] ?? 0;
    const hex = `0x${value.toString(16).padStart(2, '0')}`;
    throw new RealsimError(
      'INPUT_ENCODING',
      `${describePlace(offset)}: expected UTF-8 text, found the byte ${hex}, which is not valid UTF-8 here (re-save the file as UTF-8)`,
      { cause: error },
    );
  }
}
