/**
 * Benchmark of the error dimension alone: lints every distinct user message of the realsim real set once with a
 * fresh Harper checker (no cache) and prints wall time, CPU time (user + sys of this process), the host's load
 * average and the counted errors by kind, so a change of Harper's configuration can be judged on both speed and
 * counts.
 *
 *   npm run build && node dist/scripts/bench-error-dimension.js [--limit N]
 *
 * Needs the data (npm run data).
 */
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { userTurnTexts } from '../src/core/dialogue.js';
import { projectRoot } from '../src/core/project-root.js';
import { loadDialogueSet } from '../src/load/load-dialogue-set.js';
import { createHarperGrammarChecker, harperRuleKinds } from '../dimensions/error/harper-grammar-checker.js';

function readLimit(argv: string[]): number {
  const index = argv.indexOf('--limit');
  return index >= 0 ? Number(argv[index + 1]) : Number.POSITIVE_INFINITY;
}

function distinctUserTexts(dialogues: Parameters<typeof userTurnTexts>[0][]): string[] {
  const seen = new Set<string>();
  for (const dialogue of dialogues) for (const text of userTurnTexts(dialogue)) seen.add(text);
  return [...seen];
}

const real = await loadDialogueSet([join(projectRoot(), 'datasets', 'realsim', 'real_dialogues')], { name: 'realsim', kind: 'real' });
const texts = distinctUserTexts(real.dialogues).slice(0, readLimit(process.argv));
const loadAtStart = loadavg()[0]!;
// Learning the rule kinds (a probe lint of Harper's rule examples) is timed apart: a run with a warm annotation
// cache reads them from it (namespace error-rule-kinds:<backend>) instead.
const probeCpuAtStart = process.cpuUsage();
const probeStartedAt = performance.now();
const ruleKinds = await harperRuleKinds();
const probeWallSeconds = (performance.now() - probeStartedAt) / 1000;
const probeCpu = process.cpuUsage(probeCpuAtStart);
const cpuAtStart = process.cpuUsage();
const startedAt = performance.now();
const checker = await createHarperGrammarChecker();
let errors = 0;
const kinds: Record<string, number> = {};
for (const text of texts) {
  const result = await checker.check(text);
  errors += result.errors;
  for (const [kind, count] of Object.entries(result.kinds)) kinds[kind] = (kinds[kind] ?? 0) + count;
}
await checker.dispose();
const wallSeconds = (performance.now() - startedAt) / 1000;
const cpu = process.cpuUsage(cpuAtStart);
const sortedKinds = Object.entries(kinds).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
console.log(
  `error dimension · ${texts.length} distinct user messages (${checker.lintCalls()} linted) · ` +
    `wall ${wallSeconds.toFixed(1)} s · CPU ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s (user ${(cpu.user / 1e6).toFixed(1)}, sys ${(cpu.system / 1e6).toFixed(1)}) · ` +
    `load average ${loadAtStart.toFixed(2)} → ${loadavg()[0]!.toFixed(2)}`,
);
console.log(
  `rule kinds learnt for ${Object.keys(ruleKinds).length} rules (not in the figures above): wall ${probeWallSeconds.toFixed(1)} s · ` +
    `CPU ${((probeCpu.user + probeCpu.system) / 1e6).toFixed(1)} s`,
);
console.log(`counted errors ${errors}: ${sortedKinds.map(([kind, count]) => `${kind} ${count}`).join(', ')}`);
