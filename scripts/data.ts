/**
 * `npm run data`: makes the public data sets available under datasets/<name>/.
 *
 * - Development and CI (../shared/datasets exists, or REALSIM_SHARED_DATASETS names a folder): each
 *   datasets/<name> becomes a symbolic link to the shared folder. Nothing is copied; the links are git-ignored.
 * - A user's machine (no shared folder): every file listed in datasets/manifest.json is downloaded from its
 *   GitHub raw URL at the pinned commit (or built from downloaded inputs, for MirrorBench pairs.jsonl) and its
 *   sha256 is checked against the manifest. A bad file is removed and the run stops with an error.
 *
 * Flags: --offline (never download; fail when the shared folder is missing), --force (re-download and
 * re-link even when the files are already in place), --verify (also hash linked files), --verbose.
 * Progress goes to stderr; the final summary goes to stdout.
 */
import { realpathSync } from 'node:fs';
import { mkdir, readFile, readlink, rm, symlink, unlink } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import path from 'node:path';
import { createStderrProgress, silentProgress, type ProgressReporter } from '../src/cli/progress-reporter.js';
import { RealsimError, isRealsimError, quoteForMessage } from '../src/core/realsim-error.js';
import { type DownloadSource, type BuiltSource, type ManifestFile, type ManifestDataset, type DatasetManifest, readDatasetManifest } from './data/manifest.js';
import { sha256Hex, findRepositoryRoot, resolveSharedDatasetsDirectory, isDirectory, pathKind, fileSha256 } from './data/file-helpers.js';
import { type DownloadContext, downloadOneFile, buildOneFile } from './data/download-verified.js';

export * from './data/manifest.js';
export * from './data/mirrorbench-pairs.js';
export { sha256Hex, findRepositoryRoot, resolveSharedDatasetsDirectory, rawFileUrl } from './data/file-helpers.js';

// ---------------------------------------------------------------------------------------------------------
// Options and results

export interface PrepareDatasetsOptions {
  /** Repository root; found from this file's location when left out. */
  repositoryRoot?: string;
  /** Where datasets/<name> go; default <repositoryRoot>/datasets. */
  targetDirectory?: string;
  /** The shared data folder; default $REALSIM_SHARED_DATASETS, else <repositoryRoot>/../shared/datasets. */
  sharedDirectory?: string;
  /** The manifest; default read from <repositoryRoot>/datasets/manifest.json. */
  manifest?: DatasetManifest;
  /** Base of raw file URLs; default $REALSIM_DATA_BASE_URL, else https://raw.githubusercontent.com. */
  baseUrl?: string;
  /** Only these data sets (default: all in the manifest). */
  only?: string[];
  offline?: boolean;
  force?: boolean;
  /** Hash linked files too (downloaded files are always hashed). */
  verify?: boolean;
  progress?: ProgressReporter;
  fetchImplementation?: typeof fetch;
  /** Per request, in milliseconds (default 120,000). */
  requestTimeoutMs?: number;
  environment?: NodeJS.ProcessEnv;
}

export type DatasetOutcomeKind =
  | 'linked'
  | 'already-linked'
  | 'downloaded'
  | 'already-present'
  | 'kept-existing'
  | 'not-downloadable';

export interface DatasetOutcome {
  name: string;
  outcome: DatasetOutcomeKind;
  /** Absolute path of datasets/<name>. */
  location: string;
  /** For links: the folder linked to. */
  linkTarget?: string;
  filesFetched: number;
  filesAlreadyPresent: number;
  bytes: number;
  note?: string;
}

export interface PrepareDatasetsResult {
  mode: 'shared' | 'download';
  sharedDirectory: string;
  targetDirectory: string;
  datasets: DatasetOutcome[];
}

export const DEFAULT_RAW_BASE_URL = 'https://raw.githubusercontent.com';
const DEFAULT_REQUEST_TIMEOUT_MS = 120_000;


// ---------------------------------------------------------------------------------------------------------
// The two modes

async function linkDataset(name: string, sharedDataset: string, location: string, force: boolean): Promise<DatasetOutcome> {
  const base: DatasetOutcome = { name, outcome: 'linked', location, linkTarget: sharedDataset, filesFetched: 0, filesAlreadyPresent: 0, bytes: 0 };
  const kind = await pathKind(location);
  if (kind === 'symlink') {
    const current = path.resolve(path.dirname(location), await readlink(location));
    if (current === sharedDataset && !force) return { ...base, outcome: 'already-linked' };
    await unlink(location);
  } else if (kind === 'directory' || kind === 'file') {
    if (!force) {
      return { ...base, outcome: 'kept-existing', linkTarget: undefined, note: `${location} is a real ${kind} (an earlier download?); kept it, use --force to replace it with a link to ${sharedDataset}` };
    }
    await rm(location, { recursive: true, force: true });
  }
  await mkdir(path.dirname(location), { recursive: true });
  await symlink(sharedDataset, location, 'dir');
  return base;
}

async function verifyLinkedFiles(name: string, dataset: ManifestDataset, location: string): Promise<number> {
  let bytes = 0;
  for (const entry of dataset.files) {
    const filePath = path.join(location, ...entry.file.split('/'));
    const displayPath = `datasets/${name}/${entry.file}`;
    let content: Buffer;
    try {
      content = await readFile(filePath);
    } catch {
      throw new RealsimError('INPUT_NOT_FOUND', `${displayPath}: expected a file (sha256 ${entry.sha256}), found nothing at ${filePath}`);
    }
    const found = sha256Hex(content);
    if (found !== entry.sha256) {
      throw new RealsimError('DATA_CHECKSUM_MISMATCH', `${displayPath}: expected sha256 ${entry.sha256} (${entry.bytes} bytes), found ${found} (${content.byteLength} bytes) in the shared folder; it was left in place (read-only), fix ${filePath}`);
    }
    bytes += content.byteLength;
  }
  return bytes;
}

async function downloadDataset(
  name: string,
  dataset: ManifestDataset,
  location: string,
  force: boolean,
  context: DownloadContext,
  progress: ProgressReporter,
): Promise<DatasetOutcome> {
  const outcome: DatasetOutcome = { name, outcome: 'downloaded', location, filesFetched: 0, filesAlreadyPresent: 0, bytes: 0 };
  const fetchable = dataset.files.filter((entry) => entry.source.kind !== 'local-only');
  if (fetchable.length === 0) {
    return {
      ...outcome,
      outcome: 'not-downloadable',
      note: dataset.notDownloadable ?? `datasets/${name}: not public; only present where the shared data folder is`,
    };
  }
  const kind = await pathKind(location);
  if (kind === 'symlink') {
    // A link from an earlier development run: keep it when it still leads somewhere, unless --force.
    if (!force && isDirectory(location)) {
      return { ...outcome, outcome: 'kept-existing', linkTarget: path.resolve(path.dirname(location), await readlink(location)), note: `${location} is a link to an existing folder; kept it (use --force to download instead)` };
    }
    await unlink(location);
  } else if (kind === 'file') {
    throw new RealsimError('INPUT_INVALID_RECORD', `${location}: expected a folder for data set ${quoteForMessage(name)}, found a file; move it away and run again`);
  }
  await mkdir(location, { recursive: true });
  // Downloads first: a built file may read one of them.
  const ordered = [...fetchable.filter((entry) => entry.source.kind === 'download'), ...fetchable.filter((entry) => entry.source.kind === 'built')];
  const task = progress.start(`datasets/${name}: checking and fetching files`, ordered.length);
  try {
    for (const entry of ordered) {
      const finalPath = path.join(location, ...entry.file.split('/'));
      const displayPath = `datasets/${name}/${entry.file}`;
      const existingSha256 = force ? undefined : await fileSha256(finalPath);
      if (existingSha256 === entry.sha256) {
        outcome.filesAlreadyPresent += 1;
      } else {
        if (existingSha256 !== undefined) await rm(finalPath, { force: true });
        if (entry.source.kind === 'download') {
          await downloadOneFile(entry as ManifestFile & { source: DownloadSource }, finalPath, displayPath, context);
        } else {
          await buildOneFile(entry as ManifestFile & { source: BuiltSource }, location, finalPath, displayPath, context);
        }
        outcome.filesFetched += 1;
      }
      outcome.bytes += entry.bytes;
      task.tick();
    }
  } finally {
    task.done(`${outcome.filesFetched} fetched, ${outcome.filesAlreadyPresent} already present`);
  }
  if (outcome.filesFetched === 0) outcome.outcome = 'already-present';
  const localOnly = dataset.files.length - fetchable.length;
  if (localOnly > 0) outcome.note = `${localOnly} file(s) exist only in the shared data folder and were not fetched`;
  return outcome;
}

/** Makes every data set of the manifest available under the target folder (links or checked downloads). */
export async function prepareDatasets(options: PrepareDatasetsOptions = {}): Promise<PrepareDatasetsResult> {
  const environment = options.environment ?? process.env;
  const repositoryRoot = options.repositoryRoot ?? findRepositoryRoot();
  const targetDirectory = path.resolve(options.targetDirectory ?? path.join(repositoryRoot, 'datasets'));
  const sharedDirectory = path.resolve(options.sharedDirectory ?? resolveSharedDatasetsDirectory(repositoryRoot, environment));
  const manifest = options.manifest ?? readDatasetManifest(path.join(repositoryRoot, 'datasets', 'manifest.json'));
  const progress = options.progress ?? silentProgress;
  const force = options.force ?? false;
  const context: DownloadContext = {
    baseUrl: options.baseUrl ?? (environment.REALSIM_DATA_BASE_URL?.trim() || DEFAULT_RAW_BASE_URL),
    fetchImplementation: options.fetchImplementation ?? globalThis.fetch,
    requestTimeoutMs: options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
  };
  const known = Object.keys(manifest.datasets);
  const wanted = options.only ?? known;
  for (const name of wanted) {
    if (!known.includes(name)) {
      throw new RealsimError('USAGE', `data set ${quoteForMessage(name)}: expected one of ${known.map((item) => `"${item}"`).join(', ')}, found ${quoteForMessage(name)}`);
    }
  }
  const sharedExists = isDirectory(sharedDirectory);
  if (options.offline && !sharedExists) {
    throw new RealsimError(
      'INPUT_NOT_FOUND',
      `--offline: expected the shared data folder at ${sharedDirectory}, found nothing; set REALSIM_SHARED_DATASETS to it or run without --offline to download`,
    );
  }
  const mode = sharedExists ? 'shared' : 'download';
  progress.note(mode === 'shared' ? `linking data sets from ${sharedDirectory}` : `no shared data folder at ${sharedDirectory}: downloading from ${context.baseUrl}`);
  await mkdir(targetDirectory, { recursive: true });

  const datasets: DatasetOutcome[] = [];
  for (const name of wanted) {
    const dataset = manifest.datasets[name];
    if (!dataset) continue;
    const location = path.join(targetDirectory, name);
    const sharedDataset = path.join(sharedDirectory, name);
    let outcome: DatasetOutcome;
    if (sharedExists && isDirectory(sharedDataset)) {
      outcome = await linkDataset(name, sharedDataset, location, force);
      if (options.verify && outcome.outcome !== 'kept-existing') outcome.bytes = await verifyLinkedFiles(name, dataset, location);
    } else if (options.offline) {
      throw new RealsimError('INPUT_NOT_FOUND', `--offline: expected data set ${quoteForMessage(name)} at ${sharedDataset}, found nothing; run without --offline to download it`);
    } else {
      outcome = await downloadDataset(name, dataset, location, force, context, progress);
    }
    progress.note(describeOutcome(outcome));
    datasets.push(outcome);
  }
  return { mode, sharedDirectory, targetDirectory, datasets };
}

export function describeOutcome(outcome: DatasetOutcome): string {
  const where = `datasets/${outcome.name}`;
  switch (outcome.outcome) {
    case 'linked':
      return `${where} → ${outcome.linkTarget} (linked)`;
    case 'already-linked':
      return `${where} → ${outcome.linkTarget} (already linked)`;
    case 'downloaded':
      return `${where}: ${outcome.filesFetched} file(s) fetched and checked, ${outcome.filesAlreadyPresent} already present${outcome.note ? `; ${outcome.note}` : ''}`;
    case 'already-present':
      return `${where}: all ${outcome.filesAlreadyPresent} file(s) already present and checked${outcome.note ? `; ${outcome.note}` : ''}`;
    case 'kept-existing':
      return `${where}: ${outcome.note ?? 'kept the existing folder'}`;
    case 'not-downloadable':
      return `${where}: skipped; ${outcome.note ?? 'not public'}`;
  }
}

// ---------------------------------------------------------------------------------------------------------
// Command line

export interface DataCommandArguments {
  offline: boolean;
  force: boolean;
  verify: boolean;
  verbose: boolean;
  help: boolean;
  only?: string[];
}

const USAGE_TEXT = `usage: npm run data [-- --offline] [--force] [--verify] [--only name,name] [--verbose]
  links datasets/<name> to ../shared/datasets/<name> when that folder exists (REALSIM_SHARED_DATASETS overrides),
  otherwise downloads the public files listed in datasets/manifest.json and checks their sha256
  (REALSIM_DATA_BASE_URL overrides https://raw.githubusercontent.com).`;

export function parseDataCommandArguments(argv: readonly string[]): DataCommandArguments {
  const parsed: DataCommandArguments = { offline: false, force: false, verify: false, verbose: false, help: false };
  for (let index = 0; index < argv.length; index += 1) {
    const argument = argv[index] ?? '';
    if (argument === '--offline') parsed.offline = true;
    else if (argument === '--force') parsed.force = true;
    else if (argument === '--verify') parsed.verify = true;
    else if (argument === '--verbose') parsed.verbose = true;
    else if (argument === '--help' || argument === '-h') parsed.help = true;
    else if (argument === '--only' || argument.startsWith('--only=')) {
      const value = argument === '--only' ? argv[(index += 1)] : argument.slice('--only='.length);
      if (!value) throw new RealsimError('USAGE', 'option --only: expected comma-separated data set names, found nothing');
      parsed.only = value.split(',').map((item) => item.trim()).filter((item) => item !== '');
    } else {
      throw new RealsimError('USAGE', `npm run data: expected one of --offline, --force, --verify, --only, --verbose, --help, found ${quoteForMessage(argument)}`);
    }
  }
  return parsed;
}

export async function runDataCommand(argv: readonly string[]): Promise<number> {
  let verbose = argv.includes('--verbose');
  try {
    const parsed = parseDataCommandArguments(argv);
    verbose = parsed.verbose;
    if (parsed.help) {
      process.stdout.write(`${USAGE_TEXT}\n`);
      return 0;
    }
    const result = await prepareDatasets({
      offline: parsed.offline,
      force: parsed.force,
      verify: parsed.verify,
      only: parsed.only,
      progress: createStderrProgress(),
    });
    const linked = result.datasets.filter((item) => item.outcome === 'linked' || item.outcome === 'already-linked').length;
    process.stdout.write(`datasets ready in ${result.targetDirectory} (${result.mode === 'shared' ? `${linked} linked to ${result.sharedDirectory}` : 'downloaded and checked'})\n`);
    return 0;
  } catch (error) {
    if (isRealsimError(error)) {
      process.stderr.write(`realsim: ${error.message}\n`);
      if (verbose && error.stack) process.stderr.write(`${error.stack}\n`);
      return 1;
    }
    process.stderr.write(`realsim: internal error: ${(error as Error)?.message ?? String(error)}\n`);
    if (verbose && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
    return 1;
  }
}

function isCommandLineEntry(entryFile: string | undefined): boolean {
  if (!entryFile) return false;
  if (import.meta.url === pathToFileURL(path.resolve(entryFile)).href) return true;
  try {
    // Node reports the real path in import.meta.url; argv[1] may go through a symbolic link.
    return import.meta.url === pathToFileURL(realpathSync(entryFile)).href;
  } catch {
    return false;
  }
}

if (isCommandLineEntry(process.argv[1])) {
  process.exitCode = await runDataCommand(process.argv.slice(2));
}
