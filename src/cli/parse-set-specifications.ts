import { RealsimError, quoteForMessage } from '../core/realsim-error.js';

export interface SetSpecification {
  name: string;
  paths: string[];
}

/**
 * Parses `--real path`, `--real name=path`, `--sim name=path` values. Values with the same name are
 * merged into one set (paths in the order given). A Windows drive letter ("C:\…") is not a name.
 */
export function parseSetSpecifications(
  values: string[],
  option: '--real' | '--sim',
  defaultName: string | undefined,
): SetSpecification[] {
  const byName = new Map<string, string[]>();
  for (const value of values) {
    const match = /^([A-Za-z0-9][A-Za-z0-9._:+-]*)=(.+)$/.exec(value);
    let name: string | undefined;
    let path: string;
    if (match && match[1] && match[2]) {
      name = match[1];
      path = match[2];
    } else {
      name = defaultName;
      path = value;
    }
    if (name === undefined) {
      throw new RealsimError('USAGE', `${option}: expected name=path (e.g. my-simulator=sims.jsonl), found ${quoteForMessage(value)}`);
    }
    if (path.trim().length === 0) {
      throw new RealsimError('USAGE', `${option}: expected a path after "${name}=", found ""`);
    }
    const paths = byName.get(name) ?? [];
    paths.push(path);
    byName.set(name, paths);
  }
  return [...byName].map(([name, paths]) => ({ name, paths }));
}

/** Parses repeated key=value options (e.g. --backend emotion=transformers). */
export function parseKeyValueOptions(values: string[], option: string): Record<string, string> {
  const result: Record<string, string> = {};
  for (const value of values) {
    const index = value.indexOf('=');
    if (index <= 0) throw new RealsimError('USAGE', `${option}: expected key=value, found ${quoteForMessage(value)}`);
    result[value.slice(0, index)] = value.slice(index + 1);
  }
  return result;
}

/**
 * An integer flag value in [minimum, maximum]. The maximum keeps a typo (`--resamples 1000000000`) from
 * running for hours and filling memory: it is refused with the allowed range instead.
 */
export function parseInteger(value: string, option: string, minimum: number, maximum = Number.MAX_SAFE_INTEGER): number {
  const expected = maximum === Number.MAX_SAFE_INTEGER ? `an integer ≥ ${minimum}` : `an integer from ${minimum} to ${maximum.toLocaleString('en-US')}`;
  if (!/^-?\d+$/.test(value.trim())) {
    throw new RealsimError('USAGE', `${option}: expected ${expected}, found ${quoteForMessage(value)}`);
  }
  const parsed = Number.parseInt(value, 10);
  if (parsed < minimum || parsed > maximum || !Number.isSafeInteger(parsed)) {
    throw new RealsimError('USAGE', `${option}: expected ${expected}, found ${quoteForMessage(value)}`);
  }
  return parsed;
}
