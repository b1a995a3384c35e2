import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from './project-root.js';

let cached: string | undefined;

/** realsim's version from package.json (written into every report). */
export function toolVersion(): string {
  if (cached === undefined) {
    const manifest = JSON.parse(readFileSync(join(projectRoot(), 'package.json'), 'utf8')) as { version: string };
    cached = manifest.version;
  }
  return cached;
}
