import { readdir, stat } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { RealsimError } from '../core/realsim-error.js';

const INPUT_EXTENSIONS = new Set(['.json', '.jsonl', '.ndjson']);

export interface InputFile {
  /** The path as the caller gave it (joined with the entry name for directory members). */
  file: string;
  /** File name without folder and extension. */
  stem: string;
}

function toInputFile(file: string): InputFile {
  const name = basename(file);
  return { file, stem: name.slice(0, name.length - extname(name).length) };
}

/**
 * Expands the caller's paths into input files: a file stays itself; a directory gives every
 * .json/.jsonl/.ndjson file directly inside it (hidden files skipped, symbolic links to files followed), sorted by name (code-unit order)
 * so the load order never depends on the file system.
 */
export async function listInputFiles(paths: string[]): Promise<InputFile[]> {
  if (paths.length === 0) throw new RealsimError('USAGE', 'input paths: expected at least one file or directory, found none');
  const files: InputFile[] = [];
  for (const path of paths) {
    let information;
    try {
      information = await stat(path);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const found = code === 'ENOENT' || code === 'ENOTDIR' ? 'nothing at this path' : `an unreadable path (${code ?? 'unknown error'})`;
      throw new RealsimError('INPUT_NOT_FOUND', `${path}: expected a file or directory, found ${found}`, { cause: error });
    }
    if (!information.isDirectory()) {
      files.push(toInputFile(path));
      continue;
    }
    const entries = await readdir(path, { withFileTypes: true });
    const names: string[] = [];
    for (const entry of entries) {
      if (entry.name.startsWith('.') || !INPUT_EXTENSIONS.has(extname(entry.name).toLowerCase())) continue;
      const isFile = entry.isFile() || (entry.isSymbolicLink() && (await stat(join(path, entry.name)).catch(() => undefined))?.isFile() === true);
      if (isFile) names.push(entry.name);
    }
    names.sort((left, right) => (left < right ? -1 : left > right ? 1 : 0));
    if (names.length === 0) {
      throw new RealsimError('INPUT_EMPTY', `${path}: expected at least one .json or .jsonl file in the directory, found none`);
    }
    for (const name of names) files.push(toInputFile(join(path, name)));
  }
  return files;
}
