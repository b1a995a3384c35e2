import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const requireFromHere = createRequire(import.meta.url);

/** The installed version of an npm package, or "unknown" when its package.json cannot be read. */
export function packageVersion(packageName: string): string {
  try {
    const manifestPath = requireFromHere.resolve(`${packageName}/package.json`);
    return (JSON.parse(readFileSync(manifestPath, 'utf8')) as { version?: string }).version ?? 'unknown';
  } catch {
    return 'unknown';
  }
}
