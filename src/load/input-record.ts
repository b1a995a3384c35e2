/** One parsed record of an input file, with the place it came from (for origins and error messages). */
export interface InputRecord {
  value: unknown;
  /** "data.jsonl line 3" or "data.json record 2": the prefix of every message about this record. */
  where: string;
  /** 1-based line (JSONL). */
  line?: number;
  /** 0-based index in the top-level array (JSON). */
  recordIndex?: number;
}

export interface FileFingerprint {
  path: string;
  sha256: string;
  bytes: number;
}

export interface ReadLimits {
  /** Longest JSONL line accepted, in bytes (default 64 MiB). */
  maximumLineBytes: number;
  /** Largest JSON (array) file accepted, in bytes (default 512 MiB). */
  maximumFileBytes: number;
}

export const DEFAULT_READ_LIMITS: ReadLimits = {
  maximumLineBytes: 64 * 1024 * 1024,
  maximumFileBytes: 512 * 1024 * 1024,
};
