import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { fileURLToPath } from 'node:url';
import { dirname } from 'node:path';
import type { DimensionModule } from '../core/dimension.js';
import { RealsimError, quoteForMessage } from '../core/realsim-error.js';

/**
 * Finds dimensions: every folder dimensions/<id>/ with an index module exporting `dimension`.
 * Adding a ninth dimension is one new folder; nothing here changes. The order is the paper's
 * (communicative function, user state, surface form); unknown ids follow alphabetically.
 */
const PAPER_ORDER = ['intent', 'feedback', 'emotion', 'identity', 'knowledge', 'length', 'linguistic', 'error'];

function dimensionsDirectory(): string {
  // src/annotate → ../../dimensions, both in sources and in dist/ (same relative layout).
  return join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'dimensions');
}

function indexFile(folder: string): string | undefined {
  for (const name of ['index.js', 'index.ts']) {
    const candidate = join(folder, name);
    if (existsSync(candidate)) return candidate;
  }
  return undefined;
}

export function orderDimensionIds(ids: string[]): string[] {
  const rank = (id: string) => {
    const index = PAPER_ORDER.indexOf(id);
    return index === -1 ? PAPER_ORDER.length : index;
  };
  return [...ids].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

export function listDimensionIds(directory = dimensionsDirectory()): string[] {
  if (!existsSync(directory)) return [];
  const ids = readdirSync(directory, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && indexFile(join(directory, entry.name)) !== undefined)
    .map((entry) => entry.name);
  return orderDimensionIds(ids);
}

export async function loadDimension(id: string, directory = dimensionsDirectory()): Promise<DimensionModule> {
  const known = listDimensionIds(directory);
  const file = indexFile(join(directory, id));
  if (!known.includes(id) || file === undefined) {
    throw new RealsimError(
      'USAGE',
      `--dimensions: expected one of ${known.map((name) => `"${name}"`).join(', ')}, found ${quoteForMessage(id)}`,
    );
  }
  const loaded = (await import(pathToFileURL(file).href)) as { dimension?: DimensionModule };
  if (!loaded.dimension || loaded.dimension.definition.id !== id) {
    throw new RealsimError('INTERNAL', `dimensions/${id}: expected an export "dimension" with definition.id "${id}"`);
  }
  return loaded.dimension;
}

export async function loadDimensions(ids: string[], directory = dimensionsDirectory()): Promise<DimensionModule[]> {
  const modules: DimensionModule[] = [];
  for (const id of orderDimensionIds(ids)) modules.push(await loadDimension(id, directory));
  return modules;
}
