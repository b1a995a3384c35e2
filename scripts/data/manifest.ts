/** The data set manifest (datasets/manifest.json): its shape, reading and checking. */
import { existsSync, readFileSync } from 'node:fs';
import { RealsimError, quoteForMessage } from '../../src/core/realsim-error.js';

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
