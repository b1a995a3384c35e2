import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { describeFileSystemError, makeFolder } from '../../src/core/file-system-error.js';
import { RealsimError } from '../../src/core/realsim-error.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const scratch = mkdtempSync(join(tmpdir(), 'realsim-cli-hardening-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const GOOD = 'test/fixtures/good/openai.jsonl';

function realsim(...args: string[]): { code: number | null; stderr: string; errorLine: string } {
  const result = spawnSync(process.execPath, [join(repoRoot, 'bin/realsim.js'), ...args], {
    cwd: repoRoot,
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, CI: 'true', NO_COLOR: '1' },
  });
  const errorLine = result.stderr.split('\n').find((line) => line.startsWith('realsim: ')) ?? '';
  return { code: result.status, stderr: result.stderr, errorLine };
}

const evaluate = (...extra: string[]) => realsim('evaluate', '--real', GOOD, '--sim', `sim=${GOOD}`, '--dimensions', 'length', '--no-cache', ...extra);

describe('#20 item 6: resampling settings have ceilings', () => {
  it('refuses --resamples 1000000000 and --noise-floor-splits 100000000 before any work', () => {
    expect(evaluate('--resamples', '1000000000', '--out', join(scratch, 'r')).errorLine).toBe('realsim: --resamples: expected an integer from 1000 to 100,000, found "1000000000"');
    expect(evaluate('--noise-floor-splits', '100000000', '--out', join(scratch, 'r')).errorLine).toBe(
      'realsim: --noise-floor-splits: expected an integer from 1 to 1,001, found "100000000"',
    );
  });
});

describe('#20 items 7 and 8: file-system errors are one line, before any work, never "internal error"', () => {
  it('--out that is a file, an empty string, a folder below a file, and /proc/x', () => {
    const file = join(scratch, 'a-file');
    writeFileSync(file, 'x');
    const cases: Array<[string, string]> = [
      [file, `realsim: ${file} (--out folder): expected a folder, found a file`],
      ['', 'realsim: --out folder: expected a folder path, found an empty string'],
      [join(file, 'below'), `realsim: ${join(file, 'below')} (--out folder): expected to look at it, found a file where a folder is needed (ENOTDIR)`],
    ];
    for (const [out, line] of cases) {
      const result = evaluate('--out', out);
      expect(result.code).toBe(1);
      expect(result.errorLine).toBe(line);
      expect(result.stderr).not.toMatch(/load:/); // refused before loading
    }
    if (process.platform === 'linux') {
      const proc = evaluate('--out', '/proc/realsim-test');
      expect(proc.code).toBe(1);
      expect(proc.errorLine).toMatch(/^realsim: \/proc\/realsim-test \(--out folder\): expected to create this folder, found /);
    }
  });

  it('--out naming an input folder is refused (its report.json would be read as dialogues)', () => {
    const folder = join(scratch, 'inputs');
    mkdirSync(folder);
    writeFileSync(join(folder, 'a.jsonl'), '{"id":"a","messages":[{"role":"user","content":"hi"}]}\n');
    const result = realsim('evaluate', '--real', folder, '--sim', `sim=${GOOD}`, '--dimensions', 'length', '--no-cache', '--out', folder);
    expect(result.errorLine).toBe(`realsim: --out: expected a folder apart from the inputs, found the input folder "${folder}" (report.json would be read as dialogues)`);
  });

  it('translates errno errors with the path, the action and what was found; --verbose does not say "run with --verbose"', () => {
    const denied = Object.assign(new Error('EACCES: permission denied, open \'/data/x.jsonl\''), { code: 'EACCES', syscall: 'open', path: '/data/x.jsonl' });
    expect(describeFileSystemError(denied)?.message).toBe('/data/x.jsonl: expected to open it, found no permission (EACCES)');
    const folder = Object.assign(new Error('EISDIR'), { code: 'EISDIR', syscall: 'open', path: 'out.jsonl' });
    expect(describeFileSystemError(folder, 'simulate --out file')?.message).toBe('out.jsonl (simulate --out file): expected to open it, found a folder where a file is needed (EISDIR)');
    const readOnly = Object.assign(new Error('EROFS'), { code: 'EROFS', syscall: 'mkdir', path: '/ro/x' });
    expect(describeFileSystemError(readOnly, '--cache-dir folder')?.message).toBe('/ro/x (--cache-dir folder): expected to create this folder, found a read-only file system (EROFS)');
    expect(describeFileSystemError(new Error('plain'))).toBeUndefined();
    const verbose = realsim('--verbose', 'evaluate', '--real', GOOD, '--sim', `sim=${GOOD}`, '--dimensions', 'length', '--no-cache', '--out', '');
    expect(verbose.stderr).not.toMatch(/run with --verbose/);
  });

  it('makeFolder creates missing parents one level at a time and accepts an existing folder', () => {
    const deep = join(scratch, 'x', 'y', 'z');
    makeFolder(deep, '--out folder');
    makeFolder(deep, '--out folder');
    expect(() => makeFolder('  ', '--out folder')).toThrow(RealsimError);
  });
});

describe('#20 item 5: validate with labels that score nothing is an error, not F1 0.000', () => {
  const dialogues = 'test/fixtures/hostile/labels/dialogues.jsonl';
  it('names the labels file and the first id that matched nothing', () => {
    const result = realsim('validate', '--dialogues', dialogues, '--labels', 'test/fixtures/hostile/labels/labels-no-matching-dialogue.jsonl', '--dimension', 'feedback', '--no-cache');
    expect(result.code).toBe(1);
    expect(result.errorLine).toBe(
      'realsim: test/fixtures/hostile/labels/labels-no-matching-dialogue.jsonl: expected feedback labels of user turns in the given dialogues, found none of its 1 labelled dialogue ids among the 1 dialogues (first: "nope"; ids must equal the dialogues\' ids)',
    );
  });

  it('names a turn past the dialogue end', () => {
    const result = realsim('validate', '--dialogues', dialogues, '--labels', 'test/fixtures/hostile/labels/labels-turn-past-end.jsonl', '--dimension', 'intent', '--no-cache');
    expect(result.errorLine).toBe(
      'realsim: test/fixtures/hostile/labels/labels-turn-past-end.jsonl: expected intent labels of user turns in the given dialogues, found no scorable turn ("L1" turn 5: the dialogue has 2 user turns)',
    );
  });

  it('scores labels that match (exit 0)', () => {
    const result = realsim('validate', '--dialogues', dialogues, '--labels', 'test/fixtures/hostile/labels/labels-good.jsonl', '--dimension', 'feedback', '--no-cache');
    expect(result.code).toBe(0);
  });
});
