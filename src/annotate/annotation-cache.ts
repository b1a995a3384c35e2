import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { makeFolder, withFileSystemErrors } from '../core/file-system-error.js';
import { createHash } from 'node:crypto';
import { join } from 'node:path';

/**
 * Content-addressed, persistent annotation cache.
 *
 * One append-only JSONL file per namespace (dimension + backend version); each line is
 * {"k": key, "v": value}. Appends are single write calls of whole lines, so a process killed
 * with SIGKILL loses at most the line being written; a truncated last line is ignored on load.
 * Only successful results are stored (errors are never cached). Files can be copied between
 * machines: keys are sha256 of the content, never of paths or secrets.
 */
export interface AnnotationCache {
  get(namespace: string, key: string): unknown | undefined;
  setMany(namespace: string, entries: Array<[string, unknown]>): void;
  statistics(): { hits: number; misses: number };
}

export function contentKey(...parts: Array<string | number>): string {
  const hash = createHash('sha256');
  for (const part of parts) {
    hash.update(String(part));
    hash.update('\u0000');
  }
  return hash.digest('hex').slice(0, 40);
}

function namespaceFileName(namespace: string): string {
  return `${namespace.replace(/[^a-zA-Z0-9._-]+/g, '_').slice(0, 80)}-${contentKey(namespace).slice(0, 8)}.jsonl`;
}

export function createDiskCache(directory: string): AnnotationCache {
  const loaded = new Map<string, Map<string, unknown>>();
  // files whose last line was cut by a crash: the next append starts with a newline so it is not glued on
  const endsInCutLine = new Set<string>();
  let hits = 0;
  let misses = 0;

  const namespaceEntries = (namespace: string): Map<string, unknown> => {
    let entries = loaded.get(namespace);
    if (entries) return entries;
    entries = new Map();
    const file = join(directory, namespaceFileName(namespace));
    if (existsSync(file)) {
      const text = readFileSync(file, 'utf8');
      if (text.length > 0 && !text.endsWith('\n')) endsInCutLine.add(namespace);
      for (const line of text.split('\n')) {
        if (line.length === 0) continue;
        try {
          const parsed = JSON.parse(line) as { k: string; v: unknown };
          entries.set(parsed.k, parsed.v);
        } catch {
          // a line cut short by a crash: ignore it, it will be recomputed
        }
      }
    }
    loaded.set(namespace, entries);
    return entries;
  };

  return {
    get(namespace, key) {
      const value = namespaceEntries(namespace).get(key);
      if (value === undefined) misses += 1;
      else hits += 1;
      return value;
    },
    setMany(namespace, newEntries) {
      if (newEntries.length === 0) return;
      const entries = namespaceEntries(namespace);
      makeFolder(directory, '--cache-dir folder');
      const lines = newEntries.map(([k, v]) => {
        entries.set(k, v);
        return `${JSON.stringify({ k, v })}\n`;
      });
      const separator = endsInCutLine.delete(namespace) ? '\n' : '';
      withFileSystemErrors('--cache-dir file', () => appendFileSync(join(directory, namespaceFileName(namespace)), separator + lines.join('')));
    },
    statistics: () => ({ hits, misses }),
  };
}

export function createMemoryCache(): AnnotationCache {
  const entries = new Map<string, unknown>();
  let hits = 0;
  let misses = 0;
  return {
    get(namespace, key) {
      const value = entries.get(`${namespace}\u0000${key}`);
      if (value === undefined) misses += 1;
      else hits += 1;
      return value;
    },
    setMany(namespace, newEntries) {
      for (const [k, v] of newEntries) entries.set(`${namespace}\u0000${k}`, v);
    },
    statistics: () => ({ hits, misses }),
  };
}
