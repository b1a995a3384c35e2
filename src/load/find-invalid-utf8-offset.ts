/**
 * The byte offset of the first byte that breaks UTF-8 (RFC 3629: no overlong forms, no surrogates,
 * nothing above U+10FFFF), or -1 when the bytes are valid. Used only to explain a decoding failure.
 */
export function findInvalidUtf8Offset(bytes: Uint8Array): number {
  let index = 0;
  while (index < bytes.length) {
    const lead = bytes[index] ?? 0;
    if (lead < 0x80) {
      index += 1;
      continue;
    }
    let length: number;
    let lowest: number;
    let highest = 0xbf;
    if (lead >= 0xc2 && lead <= 0xdf) {
      length = 2;
      lowest = 0x80;
    } else if (lead >= 0xe0 && lead <= 0xef) {
      length = 3;
      lowest = lead === 0xe0 ? 0xa0 : 0x80;
      if (lead === 0xed) highest = 0x9f;
    } else if (lead >= 0xf0 && lead <= 0xf4) {
      length = 4;
      lowest = lead === 0xf0 ? 0x90 : 0x80;
      if (lead === 0xf4) highest = 0x8f;
    } else {
      return index;
    }
    for (let offset = 1; offset < length; offset += 1) {
      const next = bytes[index + offset];
      if (next === undefined) return index;
      const low = offset === 1 ? lowest : 0x80;
      const high = offset === 1 ? highest : 0xbf;
      if (next < low || next > high) return index;
    }
    index += length;
  }
  return -1;
}
