/** Small file and path helpers of `npm run data`. */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { lstat, readFile, symlink } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { RealsimError, quoteForMessage } from '../../src/core/realsim-error.js';
import { type UpstreamFileLocation } from './manifest.js';

// ---------------------------------------------------------------------------------------------------------
// Small helpers

export function sha256Hex(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Walks up from a file until a package.json named "realsim" is found (works from scripts/ and dist/scripts/). */
export function findRepositoryRoot(startFile: string = fileURLToPath(import.meta.url)): string {
  let directory = path.dirname(startFile);
  for (;;) {
    const packageFile = path.join(directory, 'package.json');
    if (existsSync(packageFile)) {
      try {
        const packageJson = JSON.parse(readFileSync(packageFile, 'utf8')) as { name?: unknown };
        if (packageJson.name === 'realsim') return directory;
      } catch {
        // not ours; keep walking up
      }
    }
    const parent = path.dirname(directory);
    if (parent === directory) {
      throw new RealsimError('INTERNAL', `data script: expected a realsim package.json above ${quoteForMessage(startFile)}, found none`);
    }
    directory = parent;
  }
}

export function resolveSharedDatasetsDirectory(repositoryRoot: string, environment: NodeJS.ProcessEnv = process.env): string {
  const fromEnvironment = environment.REALSIM_SHARED_DATASETS;
  if (fromEnvironment && fromEnvironment.trim() !== '') return path.resolve(fromEnvironment);
  return path.resolve(repositoryRoot, '../shared/datasets');
}

export function rawFileUrl(baseUrl: string, location: UpstreamFileLocation): string {
  const base = baseUrl.replace(/\/+$/, '');
  const encodedPath = location.path.split('/').map(encodeURIComponent).join('/');
  return `${base}/${location.repo}/${location.commit}/${encodedPath}`;
}

/** True when the path exists and is a folder (links followed). */
export function isDirectory(target: string): boolean {
  try {
    return statSync(target).isDirectory();
  } catch {
    return false;
  }
}

export async function pathKind(target: string): Promise<'missing' | 'symlink' | 'directory' | 'file'> {
  try {
    const info = await lstat(target);
    if (info.isSymbolicLink()) return 'symlink';
    if (info.isDirectory()) return 'directory';
    return 'file';
  } catch {
    return 'missing';
  }
}

export async function fileSha256(target: string): Promise<string | undefined> {
  try {
    return sha256Hex(await readFile(target));
  } catch {
    return undefined;
  }
}

export function describeFetchFailure(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as Error & { cause?: unknown }).cause;
    if (cause && typeof cause === 'object') {
      const code = (cause as { code?: unknown }).code;
      const message = (cause as { message?: unknown }).message;
      if (typeof code === 'string') return `network error ${quoteForMessage(code)}`;
      if (typeof message === 'string') return `network error ${quoteForMessage(message)}`;
    }
    if (error.name === 'TimeoutError' || error.name === 'AbortError') return 'no answer before the time limit';
    return `network error ${quoteForMessage(error.message)}`;
  }
  return `network error ${quoteForMessage(error)}`;
}
