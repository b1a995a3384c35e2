import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { listHostileCases } from './hostile-corpus.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const scratch = mkdtempSync(join(tmpdir(), 'realsim-hostile-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A run is killed after this long: a hostile input must end, not hang (the bound is generous, not a speed test). */
const KILL_AFTER_MILLISECONDS = 30_000;
const RUNNING_AT_ONCE = 3;

let running = 0;
const waiting: Array<() => void> = [];
async function withSlot<T>(action: () => Promise<T>): Promise<T> {
  if (running >= RUNNING_AT_ONCE) await new Promise<void>((release) => waiting.push(release));
  running += 1;
  try {
    return await action();
  } finally {
    running -= 1;
    waiting.shift()?.();
  }
}

function runRealsim(args: string[]): Promise<{ code: number | null; killed: boolean; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [join(repoRoot, 'bin/realsim.js'), ...args], { cwd: repoRoot, env: { ...process.env, CI: 'true', NO_COLOR: '1' } });
    let stderr = '';
    let killed = false;
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.stdout.resume();
    const timer = setTimeout(() => {
      killed = true;
      child.kill('SIGKILL');
    }, KILL_AFTER_MILLISECONDS);
    child.on('close', (code) => {
      clearTimeout(timer);
      done({ code, killed, stderr });
    });
  });
}

/** Progress and notes look like "realsim load: …", "realsim warning: …"; an error is "realsim: …". */
function firstLineThatIsNotProgress(stderr: string): string | undefined {
  return stderr.split('\n').find((line) => line.length > 0 && !/^realsim [^:\s][^:]*:/.test(line));
}

const cases = listHostileCases(repoRoot);

describe('the hostile-input corpus (test/fixtures/bad + test/fixtures/hostile)', () => {
  it('holds at least 60 files', () => {
    expect(cases.length).toBeGreaterThanOrEqual(60);
  });

  describe.concurrent('each file ends with exit 0, or exit 1 and one line naming the file and what was expected', () => {
    for (const hostile of cases) {
      it(hostile.file, async () => {
        const out = join(scratch, hostile.file.replace(/[^A-Za-z0-9]+/g, '-'));
        const result = await withSlot(() => runRealsim(hostile.args(out)));
        expect(result.killed, 'still running after 30 s').toBe(false);
        expect([0, 1]).toContain(result.code);
        expect(result.stderr).not.toMatch(/internal error/);
        expect(result.stderr).not.toMatch(/^\s+at /m);
        if (result.code === 1) {
          const first = firstLineThatIsNotProgress(result.stderr) ?? '';
          expect(first.startsWith(`realsim: ${hostile.file}`), first).toBe(true);
          expect(first).toMatch(/expected/);
          expect(first.split('\n')).toHaveLength(1);
        } else if (existsSync(join(out, 'report.md'))) {
          const markdown = readFileSync(join(out, 'report.md'), 'utf8');
          expect(markdown).not.toMatch(/<script|<img/i);
          expect(markdown).not.toMatch(/^#+ injected/m);
        }
      }, 120_000);
    }
  });
});
