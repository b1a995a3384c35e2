import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import type { Command } from 'commander';
import { RealsimError, quoteForMessage } from '../core/realsim-error.js';
import { describeJsonValue } from '../load/describe-json-value.js';
import { explainJsonSyntaxError } from '../load/explain-json-syntax-error.js';

/** The file `realsim evaluate` reads from the working folder when --config is not given. */
export const DEFAULT_CONFIG_FILE = 'realsim.config.json';

type ConfigValueKind = 'string' | 'integer' | 'boolean' | 'list' | 'map';

/** One key of the config file: the flag it stands for, what it holds and whether it names paths. */
interface ConfigKey {
  /** The attribute commander gives the flag (e.g. "noiseFloorSplits" for --noise-floor-splits). */
  attribute: string;
  kind: ConfigValueKind;
  /** Paths in it are relative to the config file's folder; "name=path" values keep their name. */
  paths?: boolean;
  /** For maps: the repeatable "key=value" flag it fills. */
  help: string;
}

export const EVALUATE_CONFIG_KEYS: Record<string, ConfigKey> = {
  real: { attribute: 'real', kind: 'list', paths: true, help: 'real sets, each "path" or "name=path"' },
  sim: { attribute: 'sim', kind: 'list', paths: true, help: 'simulated sets, each "name=path"' },
  pairs: { attribute: 'pairs', kind: 'list', paths: true, help: 'pair files' },
  out: { attribute: 'out', kind: 'string', paths: true, help: 'output folder' },
  seed: { attribute: 'seed', kind: 'integer', help: 'seed' },
  resamples: { attribute: 'resamples', kind: 'integer', help: 'bootstrap resamples' },
  noiseFloorSplits: { attribute: 'noiseFloorSplits', kind: 'integer', help: 'noise-floor splits' },
  dimensions: { attribute: 'dimensions', kind: 'list', help: 'dimension ids' },
  backends: { attribute: 'backend', kind: 'map', help: '{ "<dimension>": "<backend>" }' },
  options: { attribute: 'option', kind: 'map', help: '{ "<option key>": "<value>" }' },
  format: { attribute: 'format', kind: 'string', help: 'input format override' },
  domainMap: { attribute: 'domainMap', kind: 'string', paths: true, help: 'domain map file' },
  labels: { attribute: 'labels', kind: 'string', paths: true, help: 'hand labels file' },
  cacheDir: { attribute: 'cacheDir', kind: 'string', paths: true, help: 'annotation cache folder' },
  cache: { attribute: 'cache', kind: 'boolean', help: 'use the annotation cache' },
};

function readConfigObject(path: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8').replace(/^\ufeff/, '');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new RealsimError('CONFIG', `${path}: expected a realsim config file (JSON), found ${code === 'ENOENT' ? 'nothing at this path' : code === 'EISDIR' ? 'a folder' : `an unreadable file (${code ?? 'unknown error'})`}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    const problem = explainJsonSyntaxError(text, 'the end of the file');
    const place = problem.line === undefined ? path : `${path} line ${problem.line} column ${problem.column}`;
    throw new RealsimError('CONFIG', `${place}: expected valid JSON (${problem.expected}), found ${problem.found}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new RealsimError('CONFIG', `${path}: expected an object of settings (keys ${Object.keys(EVALUATE_CONFIG_KEYS).join(', ')}), found ${describeJsonValue(value)}`);
  }
  return value as Record<string, unknown>;
}

function resolveConfigPath(value: string, folder: string): string {
  const named = /^([A-Za-z0-9][A-Za-z0-9._:+-]*)=(.+)$/.exec(value);
  const path = named ? named[2]! : value;
  const resolved = isAbsolute(path) ? path : join(folder, path);
  return named ? `${named[1]}=${resolved}` : resolved;
}

/** The config value of `key` as the flag's own value shape (strings, string lists, "k=v" lists, booleans). */
function flagValueOf(key: string, spec: ConfigKey, value: unknown, where: string, folder: string): unknown {
  const wrong = (expected: string) => new RealsimError('CONFIG', `${where} "${key}": expected ${expected} (${spec.help}), found ${describeJsonValue(value)}`);
  switch (spec.kind) {
    case 'string':
      if (typeof value !== 'string' || value.trim() === '') throw wrong('a non-empty string');
      return spec.paths ? resolveConfigPath(value, folder) : value;
    case 'integer':
      if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
      if (typeof value === 'string' && /^\d+$/.test(value)) return value;
      throw wrong('an integer');
    case 'boolean':
      if (typeof value !== 'boolean') throw wrong('true or false');
      return value;
    case 'list': {
      const list = typeof value === 'string' && key === 'dimensions' ? value.split(',') : value;
      if (!Array.isArray(list) || list.some((entry) => typeof entry !== 'string' || entry.trim() === '')) throw wrong('an array of non-empty strings');
      const strings = list as string[];
      if (key === 'dimensions') return strings.map((entry) => entry.trim()).join(',');
      return spec.paths ? strings.map((entry) => resolveConfigPath(entry, folder)) : strings;
    }
    case 'map': {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) throw wrong('an object');
      return Object.entries(value as Record<string, unknown>).map(([mapKey, mapValue]) => {
        if (typeof mapValue !== 'string' && typeof mapValue !== 'number' && typeof mapValue !== 'boolean') {
          throw new RealsimError('CONFIG', `${where} "${key}.${mapKey}": expected a string, number or boolean, found ${describeJsonValue(mapValue)}`);
        }
        return `${mapKey}=${String(mapValue)}`;
      });
    }
  }
}

/**
 * Fills the options of `command` from a config file: --config <file>, else realsim.config.json in the working
 * folder when there is one. A flag given on the command line wins over the file (for backends and options, key by
 * key); an unknown key is an error listing the valid ones; paths in the file are relative to its folder.
 * Returns the file read, or undefined.
 */
export function applyConfigFile(command: Command, options: Record<string, unknown>, configPath: string | undefined): string | undefined {
  const path = configPath ?? (existsSync(DEFAULT_CONFIG_FILE) ? DEFAULT_CONFIG_FILE : undefined);
  if (path === undefined) return undefined;
  const config = readConfigObject(path);
  const folder = dirname(path);
  for (const [key, value] of Object.entries(config)) {
    const spec = EVALUATE_CONFIG_KEYS[key];
    if (!spec) {
      throw new RealsimError('CONFIG', `${path}: expected keys among ${Object.keys(EVALUATE_CONFIG_KEYS).join(', ')}, found ${quoteForMessage(key)}`);
    }
    const fromFile = flagValueOf(key, spec, value, path, folder);
    const givenOnCommandLine = command.getOptionValueSource(spec.attribute) === 'cli';
    if (spec.kind === 'map') {
      // file entries first, command-line entries after them: parseKeyValueOptions keeps the last value of a key
      const flags = givenOnCommandLine ? (options[spec.attribute] as string[]) : [];
      options[spec.attribute] = [...(fromFile as string[]), ...flags];
    } else if (!givenOnCommandLine) {
      options[spec.attribute] = fromFile;
    }
  }
  return path;
}
