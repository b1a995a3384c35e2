import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const scratch = mkdtempSync(join(tmpdir(), 'realsim-config-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function realsim(cwd: string, ...args: string[]) {
  const result = spawnSync(process.execPath, [join(repoRoot, 'bin/realsim.js'), ...args], { cwd, encoding: 'utf8', timeout: 120_000, env: { ...process.env, CI: 'true' } });
  return { code: result.status, stderr: result.stderr, errorLine: result.stderr.split('\n').find((line) => line.startsWith('realsim: ')) ?? '' };
}

describe('realsim.config.json / --config (#17): what the flags hold, flags override, unknown keys are errors', () => {
  const project = join(scratch, 'project');
  mkdirSync(join(project, 'logs'), { recursive: true });
  writeFileSync(join(project, 'logs', 'real.jsonl'), '{"id":"r1","messages":[{"role":"user","content":"hello there, how do I bake bread?"}]}\n{"id":"r2","messages":[{"role":"user","content":"thanks"}]}\n');
  writeFileSync(join(project, 'logs', 'sim.jsonl'), '{"id":"s1","messages":[{"role":"user","content":"Could you please explain in detail how one bakes bread at home?"}]}\n{"id":"s2","messages":[{"role":"user","content":"Thank you so much!"}]}\n');

  it('runs evaluate from the file in the working folder, paths relative to the file', () => {
    writeFileSync(
      join(project, 'realsim.config.json'),
      JSON.stringify({ real: ['logs/real.jsonl'], sim: ['mine=logs/sim.jsonl'], dimensions: ['length'], seed: 3, noiseFloorSplits: 3, cache: false, out: 'reports/from-config' }),
    );
    const result = realsim(project, 'evaluate');
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/^realsim config: settings from realsim\.config\.json$/m);
    const report = JSON.parse(readFileSync(join(project, 'reports/from-config/report.json'), 'utf8')) as { seed: number; dimensions: Array<{ id: string }>; inputs: Array<{ set: string }> };
    expect(report.seed).toBe(3);
    expect(report.dimensions.map((dimension) => dimension.id)).toEqual(['length']);
    expect(report.inputs.map((input) => input.set)).toEqual(['real', 'mine']);
  });

  it('a flag given on the command line wins over the file', () => {
    const result = realsim(project, 'evaluate', '--seed', '5', '--out', 'reports/flag-wins');
    expect(result.code, result.stderr).toBe(0);
    expect((JSON.parse(readFileSync(join(project, 'reports/flag-wins/report.json'), 'utf8')) as { seed: number }).seed).toBe(5);
  });

  it('an unknown key, a wrong type and a broken file are one-line errors naming the file', () => {
    const typo = join(scratch, 'typo.json');
    writeFileSync(typo, JSON.stringify({ real: ['x.jsonl'], resampels: 2000 }));
    expect(realsim(project, 'evaluate', '--config', typo).errorLine).toBe(
      `realsim: ${typo}: expected keys among real, sim, pairs, out, seed, resamples, noiseFloorSplits, dimensions, backends, options, format, domainMap, labels, cacheDir, cache, found "resampels"`,
    );
    const wrongType = join(scratch, 'wrong-type.json');
    writeFileSync(wrongType, JSON.stringify({ seed: 'one' }));
    expect(realsim(project, 'evaluate', '--config', wrongType).errorLine).toBe(`realsim: ${wrongType} "seed": expected an integer (seed), found the string "one"`);
    const broken = join(scratch, 'broken.json');
    writeFileSync(broken, '{"seed": 1,}');
    expect(realsim(project, 'evaluate', '--config', broken).errorLine).toMatch(new RegExp(`^realsim: ${broken.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} line 1 column 12: expected valid JSON`));
  });
});
