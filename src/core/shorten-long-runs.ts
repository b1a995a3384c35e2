/**
 * Cuts every run of more than `longest` non-space characters down to its first `longest` characters.
 * wink-nlp's tokenizer is quadratic in the length of one token (a 100 kB token took 7 s, 1 MB 566 s, and
 * 10 MB overflowed the stack), and such runs (base64 blobs, minified code, hashes) carry no sentence
 * structure, emotion or knowledge. One linear pass (a regular expression over a 10 MB run overflows
 * V8's regexp stack too); text without such a run is returned as it is.
 */
export function shortenLongRuns(text: string, longest = 200): string {
  const isSpace = (code: number) => code === 32 || (code >= 9 && code <= 13) || code === 160 || code === 0x2028 || code === 0x2029 || code === 0xfeff || (code >= 0x2000 && code <= 0x200a) || code === 0x3000 || code === 0x1680 || code === 0x202f || code === 0x205f || code === 0x85;
  let runLength = 0;
  let hasLongRun = false;
  for (let position = 0; position < text.length && !hasLongRun; position += 1) {
    runLength = isSpace(text.charCodeAt(position)) ? 0 : runLength + 1;
    if (runLength > longest) hasLongRun = true;
  }
  if (!hasLongRun) return text;
  const pieces: string[] = [];
  let keptFrom = 0;
  runLength = 0;
  for (let position = 0; position < text.length; position += 1) {
    if (isSpace(text.charCodeAt(position))) {
      runLength = 0;
      continue;
    }
    runLength += 1;
    if (runLength === longest + 1) {
      pieces.push(text.slice(keptFrom, position));
      // skip to the end of the run
      while (position + 1 < text.length && !isSpace(text.charCodeAt(position + 1))) position += 1;
      keptFrom = position + 1;
      runLength = 0;
    }
  }
  pieces.push(text.slice(keptFrom));
  return pieces.join('');
}
