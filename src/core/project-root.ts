import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The repository root (the folder holding realsim's package.json), found by walking up from this file.
 * Works both from sources (vitest) and from the compiled dist/ tree, so data files that tsc does not
 * copy (trained artifacts, prompts) are always read from dimensions/<id>/ in the repository.
 */
export function projectRoot(): string {
  let directory = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(directory, 'package.json')) && existsSync(join(directory, 'dimensions'))) return directory;
    const parent = dirname(directory);
    if (parent === directory) throw new Error('realsim: cannot find the project root above ' + fileURLToPath(import.meta.url));
    directory = parent;
  }
}
