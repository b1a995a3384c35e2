/** Downloads (or builds) one manifest file and checks its sha256 before it is moved into place. */
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { RealsimError, isRealsimError, quoteForMessage } from '../../src/core/realsim-error.js';
import { type UpstreamFileLocation, type DownloadSource, type BuiltSource, type ManifestFile } from './manifest.js';
import { sha256Hex, rawFileUrl, describeFetchFailure } from './file-helpers.js';
import { type MirrorbenchPairsParameters, buildMirrorbenchPairs } from './mirrorbench-pairs.js';

/** What to try when a download fails. */
export const RETRY_HINT = 'check the network (raw.githubusercontent.com must be reachable), set REALSIM_DATA_BASE_URL to a mirror, or use ../shared/datasets (REALSIM_SHARED_DATASETS)';

// ---------------------------------------------------------------------------------------------------------
// Download with checksum

export interface DownloadContext {
  baseUrl: string;
  fetchImplementation: typeof fetch;
  requestTimeoutMs: number;
}

export async function fetchBytes(url: string, context: DownloadContext): Promise<Uint8Array> {
  let response: Response;
  try {
    response = await context.fetchImplementation(url, { signal: AbortSignal.timeout(context.requestTimeoutMs), redirect: 'follow' });
  } catch (error) {
    throw new RealsimError('DATA_DOWNLOAD_FAILED', `${url}: expected a download, found ${describeFetchFailure(error)}; ${RETRY_HINT}`, { cause: error });
  }
  if (!response.ok) {
    await response.body?.cancel().catch(() => undefined);
    throw new RealsimError('DATA_DOWNLOAD_FAILED', `${url}: expected HTTP 200, found ${response.status} ${response.statusText}`.trimEnd() + `; ${RETRY_HINT}`);
  }
  try {
    return new Uint8Array(await response.arrayBuffer());
  } catch (error) {
    throw new RealsimError('DATA_DOWNLOAD_FAILED', `${url}: expected the whole file, found ${describeFetchFailure(error)}; ${RETRY_HINT}`, { cause: error });
  }
}

export function checksumError(displayPath: string, entry: ManifestFile, foundBytes: number, foundSha256: string, origin: string): RealsimError {
  return new RealsimError(
    'DATA_CHECKSUM_MISMATCH',
    `${displayPath}: expected sha256 ${entry.sha256} (${entry.bytes} bytes), found ${foundSha256} (${foundBytes} bytes) from ${origin}; the file was removed, run \`npm run data -- --force\` to retry`,
  );
}

/** Writes bytes to a temporary name, checks them, then moves them into place. A bad file never stays on disk. */
export async function writeVerified(finalPath: string, bytes: Uint8Array, entry: ManifestFile, displayPath: string, origin: string): Promise<void> {
  await mkdir(path.dirname(finalPath), { recursive: true });
  const temporaryPath = `${finalPath}.partial`;
  await writeFile(temporaryPath, bytes);
  const found = sha256Hex(bytes);
  if (found !== entry.sha256 || bytes.byteLength !== entry.bytes) {
    await rm(temporaryPath, { force: true });
    await rm(finalPath, { force: true });
    throw checksumError(displayPath, entry, bytes.byteLength, found, origin);
  }
  await rename(temporaryPath, finalPath);
}

export async function downloadOneFile(entry: ManifestFile & { source: DownloadSource }, finalPath: string, displayPath: string, context: DownloadContext): Promise<void> {
  const locations: UpstreamFileLocation[] = [entry.source, ...(entry.source.mirrors ?? [])];
  let firstError: RealsimError | undefined;
  for (const location of locations) {
    const url = rawFileUrl(context.baseUrl, location);
    try {
      const bytes = await fetchBytes(url, context);
      await writeVerified(finalPath, bytes, entry, displayPath, url);
      return;
    } catch (error) {
      if (!isRealsimError(error)) throw error;
      firstError ??= error;
    }
  }
  if (!firstError) throw new RealsimError('INTERNAL', `${displayPath}: expected at least one download location, found none`);
  if (locations.length > 1) {
    throw new RealsimError(firstError.code, `${firstError.message} (${locations.length - 1} mirror(s) also failed)`, { cause: firstError });
  }
  throw firstError;
}

export async function buildOneFile(
  entry: ManifestFile & { source: BuiltSource },
  datasetDirectory: string,
  finalPath: string,
  displayPath: string,
  context: DownloadContext,
): Promise<void> {
  const texts = new Map<string, string>();
  for (const input of entry.source.inputs) {
    if (input.file) {
      const localPath = path.join(datasetDirectory, ...input.file.split('/'));
      try {
        texts.set(input.role, await readFile(localPath, 'utf8'));
      } catch {
        throw new RealsimError('INPUT_NOT_FOUND', `${displayPath}: expected its input ${quoteForMessage(input.file)} in ${datasetDirectory}, found no file`);
      }
    } else if (input.repo && input.commit && input.path) {
      const bytes = await fetchBytes(rawFileUrl(context.baseUrl, { repo: input.repo, commit: input.commit, path: input.path }), context);
      texts.set(input.role, new TextDecoder('utf-8').decode(bytes));
    } else {
      throw new RealsimError('CONFIG', `${displayPath} source.inputs: expected { file } or { repo, commit, path }, found ${quoteForMessage(input)}`);
    }
  }
  const pairsText = texts.get('pairs');
  const descriptionsText = texts.get('task descriptions') ?? '';
  if (pairsText === undefined) {
    throw new RealsimError('CONFIG', `${displayPath} source.inputs: expected an input with role "pairs", found roles ${quoteForMessage([...texts.keys()])}`);
  }
  const parameters: MirrorbenchPairsParameters = {
    realSource: entry.source.parameters.realSource ?? 'chatbot_arena',
    simulator: entry.source.parameters.simulator ?? 'unknown',
    assistant: entry.source.parameters.assistant ?? 'unknown',
  };
  const built = Buffer.from(buildMirrorbenchPairs(pairsText, descriptionsText, parameters), 'utf8');
  await writeVerified(finalPath, built, entry, displayPath, 'the pairs builder (scripts/data.ts)');
}
