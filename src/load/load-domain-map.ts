import { readFile } from 'node:fs/promises';
import { RealsimError, quoteForMessage } from '../core/realsim-error.js';
import { decodeUtf8Strictly } from './decode-utf8-strictly.js';
import { describeJsonValue } from './describe-json-value.js';
import { explainJsonSyntaxError } from './explain-json-syntax-error.js';

/**
 * Reads a domain map: a JSON object { "<file stem or domain>": "<merged domain>" }, e.g.
 * { "stories": "books", "lit_analysis": "books" }. Every value must be a non-empty string.
 */
export async function loadDomainMap(path: string): Promise<Record<string, string>> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const found = code === 'EISDIR' ? 'a folder' : code === 'ENOENT' || code === 'ENOTDIR' ? 'nothing at this path' : `an unreadable file (${code ?? 'unknown error'})`;
    throw new RealsimError('INPUT_NOT_FOUND', `${path}: expected a domain map file (JSON), found ${found}`, { cause: error });
  }
  const text = decodeUtf8Strictly(bytes, (offset) => `${path} byte ${offset}`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    const problem = explainJsonSyntaxError(text, 'the end of the file');
    const place = problem.line === undefined ? path : `${path} line ${problem.line} column ${problem.column}`;
    throw new RealsimError('CONFIG', `${place}: expected valid JSON (${problem.expected}), found ${problem.found}`, { cause: error });
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new RealsimError('CONFIG', `${path}: expected an object mapping file stems or domains to domains, found ${describeJsonValue(parsed)}`);
  }
  const map: Record<string, string> = {};
  for (const [key, value] of Object.entries(parsed as Record<string, unknown>)) {
    if (key.trim().length === 0) throw new RealsimError('CONFIG', `${path}: expected each key to be a file stem or domain, found an empty key`);
    if (typeof value !== 'string' || value.trim().length === 0) {
      throw new RealsimError('CONFIG', `${path}: expected the value of ${quoteForMessage(key)} to be a domain name, found ${describeJsonValue(value)}`);
    }
    map[key] = value;
  }
  return map;
}
