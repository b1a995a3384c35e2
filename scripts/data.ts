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
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { lstat, mkdir, readFile, readlink, rename, rm, symlink, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createStderrProgress, silentProgress, type ProgressReporter } from '../src/cli/progress-reporter.js';
import { RealsimError, isRealsimError, quoteForMessage } from '../src/core/realsim-error.js';

// ---------------------------------------------------------------------------------------------------------
// Manifest shape (datasets/manifest.json)

export interface UpstreamFileLocation {
  repo: string;
  commit: string;
  path: string;
}

export interface DownloadSource extends UpstreamFileLocation {
  kind: 'download';
  /** Other raw locations holding the same bytes, tried in order when the main one fails. */
  mirrors?: UpstreamFileLocation[];
  upstreamPathChecked?: string;
}

export interface BuiltSourceInput {
  /** An upstream file to download (repo, commit, path) or a file of the same data set (file). */
  repo?: string;
  commit?: string;
  path?: string;
  file?: string;
  role: string;
}

export interface BuiltSource {
  kind: 'built';
  builder: 'mirrorbench-pairs';
  inputs: BuiltSourceInput[];
  parameters: Record<string, string>;
  records?: number;
  recipe?: string;
}

export interface LocalOnlySource {
  kind: 'local-only';
  reason: string;
}

export type ManifestFileSource = DownloadSource | BuiltSource | LocalOnlySource;

export interface ManifestFile {
  /** Path relative to datasets/<name>/, with forward slashes. */
  file: string;
  bytes: number;
  sha256: string;
  source: ManifestFileSource;
}

export interface ManifestDataset {
  description?: string;
  license?: string;
  notDownloadable?: string;
  files: ManifestFile[];
}

export interface DatasetManifest {
  schemaVersion: number;
  rawUrlTemplate?: string;
  datasets: Record<string, ManifestDataset>;
}

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
const RETRY_HINT = 'check the network (raw.githubusercontent.com must be reachable), set REALSIM_DATA_BASE_URL to a mirror, or use ../shared/datasets (REALSIM_SHARED_DATASETS)';

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
function isDirectory(target: string): boolean {
  try {
    return statSync(target).isDirectory();
  } catch {
    return false;
  }
}

async function pathKind(target: string): Promise<'missing' | 'symlink' | 'directory' | 'file'> {
  try {
    const info = await lstat(target);
    if (info.isSymbolicLink()) return 'symlink';
    if (info.isDirectory()) return 'directory';
    return 'file';
  } catch {
    return 'missing';
  }
}

async function fileSha256(target: string): Promise<string | undefined> {
  try {
    return sha256Hex(await readFile(target));
  } catch {
    return undefined;
  }
}

function describeFetchFailure(error: unknown): string {
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

// ---------------------------------------------------------------------------------------------------------
// Manifest reading and checking

export function parseDatasetManifest(text: string, where = 'datasets/manifest.json'): DatasetManifest {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new RealsimError('CONFIG', `${where}: expected valid JSON, found ${quoteForMessage((error as Error).message)}`);
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new RealsimError('CONFIG', `${where}: expected an object with "datasets", found ${quoteForMessage(parsed)}`);
  }
  const manifest = parsed as Partial<DatasetManifest>;
  if (!manifest.datasets || typeof manifest.datasets !== 'object') {
    throw new RealsimError('CONFIG', `${where}: expected a "datasets" object, found ${quoteForMessage(manifest.datasets)}`);
  }
  for (const [name, dataset] of Object.entries(manifest.datasets)) {
    if (!/^[a-z0-9][a-z0-9._-]*$/.test(name)) {
      throw new RealsimError('CONFIG', `${where} datasets: expected a plain folder name, found ${quoteForMessage(name)}`);
    }
    if (!dataset || !Array.isArray(dataset.files)) {
      throw new RealsimError('CONFIG', `${where} datasets.${name}: expected a "files" array, found ${quoteForMessage(dataset)}`);
    }
    dataset.files.forEach((entry, index) => checkManifestFile(entry, `${where} datasets.${name}.files[${index}]`));
  }
  return manifest as DatasetManifest;
}

function checkManifestFile(entry: ManifestFile, where: string): void {
  if (typeof entry.file !== 'string' || entry.file === '' || entry.file.startsWith('/') || entry.file.split('/').includes('..')) {
    throw new RealsimError('CONFIG', `${where}.file: expected a relative path inside the data set, found ${quoteForMessage(entry.file)}`);
  }
  if (typeof entry.sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(entry.sha256)) {
    throw new RealsimError('CONFIG', `${where}.sha256: expected 64 lower-case hex digits, found ${quoteForMessage(entry.sha256)}`);
  }
  if (!Number.isInteger(entry.bytes) || entry.bytes < 0) {
    throw new RealsimError('CONFIG', `${where}.bytes: expected a whole number ≥ 0, found ${quoteForMessage(entry.bytes)}`);
  }
  const kind = (entry.source as { kind?: unknown } | undefined)?.kind;
  if (kind !== 'download' && kind !== 'built' && kind !== 'local-only') {
    throw new RealsimError('CONFIG', `${where}.source.kind: expected one of "download", "built", "local-only", found ${quoteForMessage(kind)}`);
  }
  if (kind === 'built' && (entry.source as BuiltSource).builder !== 'mirrorbench-pairs') {
    throw new RealsimError('CONFIG', `${where}.source.builder: expected "mirrorbench-pairs", found ${quoteForMessage((entry.source as BuiltSource).builder)}`);
  }
}

export function readDatasetManifest(manifestPath: string): DatasetManifest {
  if (!existsSync(manifestPath)) {
    throw new RealsimError('INPUT_NOT_FOUND', `${manifestPath}: expected the data manifest, found no file`);
  }
  return parseDatasetManifest(readFileSync(manifestPath, 'utf8'), manifestPath);
}

// ---------------------------------------------------------------------------------------------------------
// MirrorBench pairs.jsonl builder

/**
 * Serializes like Python's json.dumps(value, ensure_ascii=False): ", " between items, ": " after keys,
 * non-ASCII characters written as they are. (Strings are escaped as JSON.stringify does, which matches
 * Python for well-formed text: \" \\ \b \f \n \r \t and \u00xx for the other control characters.)
 */
export function toPythonStyleJson(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'string' || typeof value === 'boolean') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new RealsimError('INTERNAL', `pairs builder: expected a finite number, found ${quoteForMessage(String(value))}`);
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map(toPythonStyleJson).join(', ')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, item]) => item !== undefined);
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}: ${toPythonStyleJson(item)}`).join(', ')}}`;
  }
  throw new RealsimError('INTERNAL', `pairs builder: expected a JSON value, found ${quoteForMessage(typeof value)}`);
}

export interface MirrorbenchPairsParameters {
  realSource: string;
  simulator: string;
  assistant: string;
}

interface ChatMessage {
  role: string;
  content: string;
}

function readMessages(value: unknown, where: string): ChatMessage[] {
  if (!Array.isArray(value)) throw new RealsimError('INPUT_INVALID_RECORD', `${where}: expected an array of messages, found ${quoteForMessage(value)}`);
  return value.map((message: unknown, index) => {
    const record = message as { role?: unknown; content?: unknown } | null;
    if (!record || typeof record.role !== 'string' || typeof record.content !== 'string') {
      throw new RealsimError('INPUT_INVALID_RECORD', `${where}[${index}]: expected { role: string, content: string }, found ${quoteForMessage(message)}`);
    }
    return { role: record.role, content: record.content };
  });
}

/** "proxy:…|dataset:…|metric:judge/gteval|0::<question id>::<model>" → "<question id>::<model>". */
export function pairIdFromSampleId(sampleId: string): string {
  const lastPart = sampleId.split('|').at(-1) ?? sampleId;
  return lastPart.replace(/^\d+::/, '');
}

/** task_description by conversation_id, from chatbot_arena_mirror.jsonl. */
export function taskDescriptionsById(arenaMirrorJsonl: string, where = 'chatbot_arena_mirror.jsonl'): Map<string, string | null> {
  const descriptions = new Map<string, string | null>();
  arenaMirrorJsonl.split('\n').forEach((line, index) => {
    if (line.trim() === '') return;
    let record: { conversation_id?: unknown; task_description?: unknown };
    try {
      record = JSON.parse(line) as typeof record;
    } catch (error) {
      throw new RealsimError('INPUT_INVALID_JSON', `${where} line ${index + 1}: expected a JSON object, found ${quoteForMessage((error as Error).message)}`);
    }
    if (typeof record.conversation_id !== 'string') {
      throw new RealsimError('INPUT_INVALID_RECORD', `${where} line ${index + 1} field "conversation_id": expected a string, found ${quoteForMessage(record.conversation_id)}`);
    }
    descriptions.set(record.conversation_id, typeof record.task_description === 'string' ? record.task_description : null);
  });
  return descriptions;
}

/**
 * Builds pairs.jsonl from MirrorBench's gteval_labeled.json (a JSON array of { sample_id, real_conversation,
 * synthetic_conversation, … }) and chatbot_arena_mirror.jsonl (for task_description). One line per record,
 * in file order; judging fields are left out.
 */
export function buildMirrorbenchPairs(gtevalLabeledJson: string, arenaMirrorJsonl: string, parameters: MirrorbenchPairsParameters): string {
  const where = 'gteval_labeled.json';
  let records: unknown;
  try {
    records = JSON.parse(gtevalLabeledJson);
  } catch (error) {
    throw new RealsimError('INPUT_INVALID_JSON', `${where}: expected a JSON array, found ${quoteForMessage((error as Error).message)}`);
  }
  if (!Array.isArray(records)) throw new RealsimError('INPUT_UNKNOWN_LAYOUT', `${where}: expected a JSON array of records, found ${quoteForMessage(records)}`);
  const descriptions = taskDescriptionsById(arenaMirrorJsonl);
  const seen = new Set<string>();
  const lines = records.map((item: unknown, index) => {
    const record = item as { sample_id?: unknown; real_conversation?: unknown; synthetic_conversation?: unknown } | null;
    if (!record || typeof record.sample_id !== 'string') {
      throw new RealsimError('INPUT_INVALID_RECORD', `${where} record ${index} field "sample_id": expected a string, found ${quoteForMessage(record?.sample_id)}`);
    }
    const pairId = pairIdFromSampleId(record.sample_id);
    if (seen.has(pairId)) throw new RealsimError('INPUT_DUPLICATE_ID', `${where} record ${index}: expected a new pair id, found ${quoteForMessage(pairId)} again`);
    seen.add(pairId);
    const pair = {
      pair_id: pairId,
      task_description: descriptions.get(pairId) ?? null,
      real: { source: parameters.realSource, messages: readMessages(record.real_conversation, `${where} record ${index} field "real_conversation"`) },
      simulated: {
        simulator: parameters.simulator,
        assistant: parameters.assistant,
        messages: readMessages(record.synthetic_conversation, `${where} record ${index} field "synthetic_conversation"`),
      },
    };
    return `${toPythonStyleJson(pair)}\n`;
  });
  return lines.join('');
}

// ---------------------------------------------------------------------------------------------------------
// Download with checksum

interface DownloadContext {
  baseUrl: string;
  fetchImplementation: typeof fetch;
  requestTimeoutMs: number;
}

async function fetchBytes(url: string, context: DownloadContext): Promise<Uint8Array> {
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

function checksumError(displayPath: string, entry: ManifestFile, foundBytes: number, foundSha256: string, origin: string): RealsimError {
  return new RealsimError(
    'DATA_CHECKSUM_MISMATCH',
    `${displayPath}: expected sha256 ${entry.sha256} (${entry.bytes} bytes), found ${foundSha256} (${foundBytes} bytes) from ${origin}; the file was removed, run \`npm run data -- --force\` to retry`,
  );
}

/** Writes bytes to a temporary name, checks them, then moves them into place. A bad file never stays on disk. */
async function writeVerified(finalPath: string, bytes: Uint8Array, entry: ManifestFile, displayPath: string, origin: string): Promise<void> {
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

async function downloadOneFile(entry: ManifestFile & { source: DownloadSource }, finalPath: string, displayPath: string, context: DownloadContext): Promise<void> {
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

async function buildOneFile(
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

