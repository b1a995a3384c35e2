import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const scratch = mkdtempSync(join(tmpdir(), 'realsim-package-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/**
 * The package as users get it: `npm pack` (dist/ is already built by pretest, so scripts are skipped), the
 * tarball unpacked as node_modules/realsim of a separate project whose other dependencies are this
 * checkout's (linked, so the test needs no network), then used by import, by type check and by its bin.
 */
describe('the npm package (#17: a library entry point that installs with no build step)', () => {
  it('imports evaluate from "realsim" with types, and its bin runs', () => {
    const packed = execFileSync('npm', ['pack', '--ignore-scripts', '--silent', '--pack-destination', scratch], { cwd: repoRoot, encoding: 'utf8' }).trim().split('\n').pop()!;
    const consumer = join(scratch, 'consumer');
    const installed = join(consumer, 'node_modules', 'realsim');
    mkdirSync(installed, { recursive: true });
    execFileSync('tar', ['-xzf', join(scratch, packed), '-C', installed, '--strip-components=1']);
    for (const entry of readdirSync(join(repoRoot, 'node_modules'))) {
      if (entry === 'realsim' || entry.startsWith('.')) continue;
      symlinkSync(join(repoRoot, 'node_modules', entry), join(consumer, 'node_modules', entry));
    }
    writeFileSync(join(consumer, 'package.json'), JSON.stringify({ name: 'consumer', type: 'module', private: true }));
    writeFileSync(
      join(consumer, 'use-realsim.ts'),
      [
        "import { evaluate, type RealismReport, type EvaluateOptions } from 'realsim';",
        "const options: EvaluateOptions = { pairFiles: ['pairs.jsonl'], dimensions: ['length'] };",
        'export async function headline(): Promise<string> {',
        '  const { report }: { report: RealismReport } = await evaluate(options);',
        '  return report.schemaVersion;',
        '}',
        '',
      ].join('\n'),
    );
    writeFileSync(
      join(consumer, 'tsconfig.json'),
      JSON.stringify({ compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', target: 'ES2022', strict: true, noEmit: true, skipLibCheck: true, types: [] }, files: ['use-realsim.ts'] }),
    );
    const typeCheck = spawnSync(process.execPath, [join(repoRoot, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json'], { cwd: consumer, encoding: 'utf8' });
    expect(typeCheck.stdout + typeCheck.stderr).toBe('');
    expect(typeCheck.status).toBe(0);

    const imported = spawnSync(process.execPath, ['--input-type=module', '-e', "const m = await import('realsim'); console.log(typeof m.evaluate, typeof m.renderMarkdownReport)"], { cwd: consumer, encoding: 'utf8' });
    expect(imported.stdout.trim()).toBe('function function');
    const bin = spawnSync(process.execPath, [join(installed, 'bin/realsim.js'), 'dimensions'], { cwd: consumer, encoding: 'utf8' });
    expect(bin.status).toBe(0);
    expect(bin.stdout).toMatch(/^intent \(communicative-function\)/);
  }, 180_000);
});
