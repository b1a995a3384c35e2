import { readdir, stat } from 'node:fs/promises';
import { basename, extname, join, relative, resolve, sep } from 'node:path';
import { RealsimError } from '../core/realsim-error.js';

const INPUT_EXTENSIONS = new Set(['.json', '.jsonl', '.ndjson']);

export interface InputFile {
  /** The path as the caller gave it (joined with the entry name for directory members). */
  file: string;
  /** File name without folder and extension. */
  stem: string;
}

function describeSpecialFile(information: { isFIFO(): boolean; isSocket(): boolean; isCharacterDevice(): boolean; isBlockDevice(): boolean }): string {
  if (information.isFIFO()) return 'a named pipe (FIFO)';
  if (information.isSocket()) return 'a socket';
  if (information.isCharacterDevice() || information.isBlockDevice()) return 'a device';
  return 'something that is not a file';
}

function toInputFile(file: string): InputFile {
  const name = basename(file);
  return { file, stem: name.slice(0, name.length - extname(name).length) };
}

/**
 * One spelling per file: relative to the working folder with "/" separators when it lies inside it,
 * absolute otherwise, so `a.jsonl`, `./a.jsonl` and `/work/a.jsonl` give the same report.
 */
export function normalizeInputPath(path: string): string {
  const absolutePath = resolve(path);
  const relativePath = relative(process.cwd(), absolutePath);
  if (relativePath === '') return '.';
  if (relativePath === '..' || relativePath.startsWith(`..${sep}`)) return absolutePath.split(sep).join('/');
  return relativePath.split(sep).join('/');
}

function compareCodeUnits(left: string, right: string): number {
  return left < right ? -1 : left > right ? 1 : 0;
}

/**
 * Expands the caller's paths into input files: a file stays itself; a directory gives every
 * .json/.jsonl/.ndjson file directly inside it (hidden files skipped, symbolic links to files followed), sorted by name (code-unit order)
 * so the load order never depends on the file system. Paths are normalized (normalizeInputPath) and the
 * whole list is sorted, so neither the order of `--real a --real b` nor how a path is spelled changes the
 * report. Anything that is neither a regular file nor a folder (a FIFO, a
 * device) is refused rather than read (reading a FIFO waits forever). Entries of a folder that cannot be
 * followed (a symbolic-link loop, a dangling link) are skipped with a warning.
 */
export async function listInputFiles(paths: string[], warn: (message: string) => void = () => undefined): Promise<InputFile[]> {
  if (paths.length === 0) throw new RealsimError('USAGE', 'input paths: expected at least one file or directory, found none');
  const files: InputFile[] = [];
  for (const givenPath of paths) {
    const path = normalizeInputPath(givenPath);
    let information;
    try {
      information = await stat(path);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const found = code === 'ENOENT' || code === 'ENOTDIR' ? 'nothing at this path' : `an unreadable path (${code ?? 'unknown error'})`;
      throw new RealsimError('INPUT_NOT_FOUND', `${path}: expected a file or directory, found ${found}`, { cause: error });
    }
    if (!information.isDirectory()) {
      if (!information.isFile()) throw new RealsimError('INPUT_NOT_FOUND', `${path}: expected a regular file or a folder, found ${describeSpecialFile(information)}`);
      files.push(toInputFile(path));
      continue;
    }
    const entries = (await readdir(path, { withFileTypes: true })).sort((left, right) => compareCodeUnits(left.name, right.name));
    const names: string[] = [];
    for (const entry of entries) {
      if (entry.name.startsWith('.') || !INPUT_EXTENSIONS.has(extname(entry.name).toLowerCase())) continue;
      if (entry.isFile()) {
        names.push(entry.name);
        continue;
      }
      if (!entry.isSymbolicLink()) continue;
      const target = await stat(join(path, entry.name)).catch((error: NodeJS.ErrnoException) => error);
      if (target instanceof Error) {
        const reason = target.code === 'ELOOP' ? 'a loop of symbolic links' : target.code === 'ENOENT' ? 'a link to nothing' : `an unreadable link (${target.code ?? 'unknown error'})`;
        warn(`${join(path, entry.name).split(sep).join('/')}: skipped, found ${reason}`);
      } else if (target.isFile()) names.push(entry.name);
    }
    names.sort(compareCodeUnits);
    if (names.length === 0) {
      throw new RealsimError('INPUT_EMPTY', `${path}: expected at least one .json or .jsonl file in the directory, found none`);
    }
    for (const name of names) files.push(toInputFile(path === '.' ? name : `${path}/${name}`));
  }
  return files.sort((left, right) => compareCodeUnits(left.file, right.file));
}
