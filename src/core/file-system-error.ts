import { mkdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { RealsimError } from './realsim-error.js';

/** What a system call was trying to do, in the words of an error message. */
const ACTION_OF_SYSTEM_CALL: Record<string, string> = {
  open: 'open it',
  read: 'read it',
  write: 'write it',
  mkdir: 'create this folder',
  scandir: 'list this folder',
  opendir: 'list this folder',
  stat: 'look at it',
  lstat: 'look at it',
  rename: 'rename it',
  unlink: 'delete it',
  copyfile: 'copy it',
  access: 'access it',
};

/** What was found instead, per errno code. */
const FINDING_OF_ERROR_CODE: Record<string, string> = {
  EACCES: 'no permission (EACCES)',
  EPERM: 'the operation not permitted (EPERM)',
  EISDIR: 'a folder where a file is needed (EISDIR)',
  ENOTDIR: 'a file where a folder is needed (ENOTDIR)',
  EEXIST: 'a file already there (EEXIST)',
  ENOENT: 'nothing at this path (ENOENT)',
  EROFS: 'a read-only file system (EROFS)',
  ENOSPC: 'no space left on the device (ENOSPC)',
  EDQUOT: 'the disk quota used up (EDQUOT)',
  ELOOP: 'a loop of symbolic links (ELOOP)',
  EMFILE: 'too many open files (EMFILE)',
  ENFILE: 'too many open files (ENFILE)',
  ENAMETOOLONG: 'a name too long for the file system (ENAMETOOLONG)',
  EBUSY: 'the path busy (EBUSY)',
  EINVAL: 'a path this file system refuses (EINVAL)',
  EIO: 'an input/output error of the device (EIO)',
  ENXIO: 'a device that is not there (ENXIO)',
};

function isErrnoException(value: unknown): value is NodeJS.ErrnoException {
  return value instanceof Error && typeof (value as NodeJS.ErrnoException).code === 'string' && typeof (value as NodeJS.ErrnoException).syscall === 'string';
}

/**
 * A Node.js file-system error as realsim's one-line error (`<path>: expected to <action>, found <what>`), or
 * undefined when `error` is not one. `purpose` says what the path was for ("--out folder").
 */
export function describeFileSystemError(error: unknown, purpose?: string): RealsimError | undefined {
  if (!isErrnoException(error)) return undefined;
  const code = error.code ?? 'unknown';
  const finding =
    code === 'ENOENT' && error.syscall === 'mkdir' ? 'a place where no folder can be made (ENOENT)' : (FINDING_OF_ERROR_CODE[code] ?? `the error ${code}`);
  const action = ACTION_OF_SYSTEM_CALL[error.syscall ?? ''] ?? `${error.syscall} it`;
  const where = error.path === undefined ? (purpose ?? 'file system') : `${error.path}${purpose ? ` (${purpose})` : ''}`;
  return new RealsimError('FILE_SYSTEM', `${where}: expected to ${action}, found ${finding}`, { cause: error });
}

/** Runs a file-system action; its errno error comes back as a RealsimError naming the path and the purpose. */
export function withFileSystemErrors<T>(purpose: string, action: () => T): T {
  try {
    return action();
  } catch (error) {
    throw describeFileSystemError(error, purpose) ?? error;
  }
}

/**
 * Creates `folder` and its missing parents, one level at a time. Node's own recursive mkdir never returns
 * on some pseudo file systems (mkdir -p /proc/x loops); this one stops at the first level that fails.
 * An existing folder is fine; an existing file is an error naming the purpose.
 */
export function makeFolder(folder: string, purpose: string): void {
  if (folder.trim().length === 0) throw new RealsimError('USAGE', `${purpose}: expected a folder path, found an empty string`);
  const missing: string[] = [];
  let current = resolve(folder);
  for (;;) {
    let information;
    try {
      information = statSync(current);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT') throw describeFileSystemError(error, purpose) ?? error;
    }
    if (information) {
      if (!information.isDirectory()) {
        const where = current === resolve(folder) ? folder : current;
        throw new RealsimError('FILE_SYSTEM', `${where} (${purpose}): expected a folder, found a file`);
      }
      break;
    }
    missing.push(current);
    const parent = dirname(current);
    if (parent === current) break;
    current = parent;
  }
  for (const level of missing.reverse()) withFileSystemErrors(purpose, () => mkdirSync(level));
}
