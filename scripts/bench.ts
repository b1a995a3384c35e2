/**
 * Benchmark: times each stage and dimension group on the 981 realsim real dialogues + the 100 MirrorBench
 * pairs (200 dialogues) and prints wall time, CPU time (user + system of all threads of the group's process),
 * dialogues/s and peak RSS against the issues' targets.
 * Each group runs in its own child process so its peak RSS is its own.
 *
 *   npm run bench                       # all groups
 *   npm run bench -- --groups surface   # one group
 *
 * Needs the data (npm run data). Targets are checked here, not in timed tests.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  annotateSets,
  createDiskCache,
  listDimensionIds,
  loadDialogueSet,
  loadDimensions,
  loadDomainMap,
  loadPairFile,
  renderMarkdownReport,
  silentProgress,
  toolVersion,
  type DialogueSet,
} from '../src/index.js';
import { projectRoot } from '../src/core/project-root.js';
// measuring without the rest of the pipeline is not public API yet (see the spine in issue #17)
import { buildRealismReport } from '../src/report/build-realism-report.js';

interface GroupDefinition {
  id: string;
  dimensions: string[];
  /** Run twice on one cache: the second ("warm") run is timed separately. */
  warm: boolean;
  targetSeconds?: number;
  targetWarmSeconds?: number;
  targetRssMegabytes?: number;
  issue: string;
}

const GROUPS: GroupDefinition[] = [
  { id: 'load', dimensions: [], warm: false, issue: '#2' },
  { id: 'surface', dimensions: ['length', 'linguistic', 'error'], warm: true, targetSeconds: 10, targetRssMegabytes: 600, issue: '#2' },
  { id: 'emotion+knowledge', dimensions: ['emotion', 'knowledge'], warm: true, targetSeconds: 60, targetWarmSeconds: 3, targetRssMegabytes: 1536, issue: '#3' },
  { id: 'intent+feedback+identity', dimensions: ['intent', 'feedback', 'identity'], warm: false, targetSeconds: 5, issue: '#4' },
  { id: 'measure+report', dimensions: ['length', 'linguistic'], warm: false, issue: '#2' },
];

interface GroupResult {
  id: string;
  dialogues: number;
  seconds: number;
  warmSeconds: number | null;
  measureSeconds: number | null;
  /** CPU time (user + system, every thread of the child process) of the same stages. */
  cpuSeconds: number;
  warmCpuSeconds: number | null;
  measureCpuSeconds: number | null;
  peakRssMegabytes: number;
  skipped?: string;
}

function datasetPaths() {
  const root = projectRoot();
  return {
    real: join(root, 'datasets', 'realsim', 'real_dialogues'),
    pairs: join(root, 'datasets', 'mirrorbench', 'pairs.jsonl'),
    domainMap: join(root, 'datasets', 'realsim-domains.json'),
  };
}

async function loadBenchSets(): Promise<DialogueSet[]> {
  const paths = datasetPaths();
  const domainMap = await loadDomainMap(paths.domainMap);
  const real = await loadDialogueSet([paths.real], { name: 'realsim', kind: 'real', domainMap });
  const pair = await loadPairFile(paths.pairs, {});
  return [real, pair.real, pair.simulated];
}

/** CPU seconds (user + system, all threads of this process) since `since` (a process.cpuUsage() reading). */
function cpuSecondsSince(since: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1e6;
}

async function runGroupInThisProcess(group: GroupDefinition): Promise<GroupResult> {
  const startedAt = performance.now();
  const loadCpuAtStart = process.cpuUsage();
  const sets = await loadBenchSets();
  const loadSeconds = (performance.now() - startedAt) / 1000;
  const loadCpuSeconds = cpuSecondsSince(loadCpuAtStart);
  const dialogues = sets.reduce((total, set) => total + set.dialogues.length, 0);
  const noStages = { warmSeconds: null, measureSeconds: null, warmCpuSeconds: null, measureCpuSeconds: null };
  if (group.id === 'load') {
    return { id: group.id, dialogues, seconds: loadSeconds, cpuSeconds: loadCpuSeconds, ...noStages, peakRssMegabytes: process.resourceUsage().maxRSS / 1024 };
  }
  const available = new Set(listDimensionIds());
  const missing = group.dimensions.filter((id) => !available.has(id));
  if (missing.length > 0) {
    return { id: group.id, dialogues, seconds: 0, cpuSeconds: 0, ...noStages, peakRssMegabytes: 0, skipped: `no dimension ${missing.join(', ')}` };
  }
  const modules = await loadDimensions(group.dimensions);
  const cacheDirectory = mkdtempSync(join(tmpdir(), 'realsim-bench-'));
  try {
    const context = { cache: createDiskCache(cacheDirectory), progress: silentProgress, options: {} };
    let annotateStartedAt = performance.now();
    let annotateCpuAtStart = process.cpuUsage();
    let result = await annotateSets(sets, modules, {}, context);
    const seconds = (performance.now() - annotateStartedAt) / 1000;
    const cpuSeconds = cpuSecondsSince(annotateCpuAtStart);
    let warmSeconds: number | null = null;
    let warmCpuSeconds: number | null = null;
    if (group.warm) {
      const warmContext = { cache: createDiskCache(cacheDirectory), progress: silentProgress, options: {} };
      annotateStartedAt = performance.now();
      annotateCpuAtStart = process.cpuUsage();
      result = await annotateSets(sets, modules, {}, warmContext);
      warmSeconds = (performance.now() - annotateStartedAt) / 1000;
      warmCpuSeconds = cpuSecondsSince(annotateCpuAtStart);
    }
    let measureSeconds: number | null = null;
    let measureCpuSeconds: number | null = null;
    if (group.id === 'measure+report') {
      const measureStartedAt = performance.now();
      const measureCpuAtStart = process.cpuUsage();
      const backends: Record<string, string> = {};
      for (const run of result.dimensionRuns) backends[run.module.definition.id] = run.backend;
      const report = buildRealismReport({
        toolVersion: toolVersion(),
        seed: 1,
        resamples: 1000,
        noiseFloorSplits: 21,
        sets,
        measuredSets: result.measuredSets,
        definitions: modules.map((module) => module.definition),
        backends,
        comparisons: [{ real: sets[1]!.name, simulated: sets[2]!.name, paired: true }],
      });
      renderMarkdownReport(report);
      JSON.stringify(report);
      measureSeconds = (performance.now() - measureStartedAt) / 1000;
      measureCpuSeconds = cpuSecondsSince(measureCpuAtStart);
    }
    return {
      id: group.id,
      dialogues,
      seconds,
      warmSeconds,
      measureSeconds,
      cpuSeconds,
      warmCpuSeconds,
      measureCpuSeconds,
      peakRssMegabytes: process.resourceUsage().maxRSS / 1024,
    };
  } finally {
    rmSync(cacheDirectory, { recursive: true, force: true });
  }
}

function formatSeconds(value: number | null): string {
  return value === null ? '–' : `${value.toFixed(2)} s`;
}

/** "wall s / CPU s" of one stage. */
function formatWallAndCpu(wallSeconds: number | null, cpuSeconds: number | null): string {
  return wallSeconds === null ? '–' : `${formatSeconds(wallSeconds)} / ${formatSeconds(cpuSeconds)}`;
}

function verdict(group: GroupDefinition, result: GroupResult): string {
  if (result.skipped) return `skipped (${result.skipped})`;
  const checks: string[] = [];
  if (group.targetSeconds !== undefined) checks.push(`${result.seconds <= group.targetSeconds ? 'ok' : 'MISS'} ≤${group.targetSeconds} s`);
  if (group.targetWarmSeconds !== undefined && result.warmSeconds !== null) {
    checks.push(`${result.warmSeconds <= group.targetWarmSeconds ? 'ok' : 'MISS'} warm ≤${group.targetWarmSeconds} s`);
  }
  if (group.targetRssMegabytes !== undefined) {
    checks.push(`${result.peakRssMegabytes <= group.targetRssMegabytes ? 'ok' : 'MISS'} RSS ≤${group.targetRssMegabytes} MB`);
  }
  return checks.length > 0 ? `${checks.join(', ')} (${group.issue})` : '';
}

async function runParent(selected: string[]): Promise<number> {
  const script = fileURLToPath(import.meta.url);
  const rows: string[] = [];
  let missed = false;
  for (const group of GROUPS.filter((candidate) => selected.length === 0 || selected.includes(candidate.id))) {
    process.stderr.write(`bench: ${group.id}…\n`);
    const child = spawnSync(process.execPath, [script, '--child', group.id], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
    const line = child.stdout.trim().split('\n').pop() ?? '';
    if (child.status !== 0 || !line.startsWith('{')) {
      process.stderr.write(child.stderr);
      rows.push(`| ${group.id} | failed (exit ${child.status}) | | | | | |`);
      missed = true;
      continue;
    }
    const result = JSON.parse(line) as GroupResult;
    const verdictText = verdict(group, result);
    if (verdictText.includes('MISS')) missed = true;
    const rate = result.seconds > 0 ? (result.dialogues / result.seconds).toFixed(0) : '–';
    rows.push(
      `| ${group.id} | ${result.dialogues} | ${formatWallAndCpu(result.seconds, result.cpuSeconds)} | ${rate} | ` +
        `${formatWallAndCpu(result.warmSeconds, result.warmCpuSeconds)} | ${formatWallAndCpu(result.measureSeconds, result.measureCpuSeconds)} | ` +
        `${result.peakRssMegabytes.toFixed(0)} MB | ${verdictText} |`,
    );
  }
  process.stdout.write(
    [
      `realsim ${toolVersion()} benchmark · node ${process.version} · ${(await import('node:os')).cpus().length} cores · ` +
        `load average at the end ${(await import('node:os')).loadavg()[0]!.toFixed(2)}`,
      '',
      '| group | dialogues | cold annotate (wall / CPU) | dialogues/s | warm annotate (wall / CPU) | measure+report (wall / CPU) | peak RSS | target |',
      '| --- | --- | --- | --- | --- | --- | --- | --- |',
      ...rows,
      '',
      'cold = empty annotation cache; warm = second run on the same cache; load group = reading all inputs; peak RSS per child process; ' +
        'CPU = user + system time of all threads of the group\'s process (steadier than wall time on a shared host).',
    ].join('\n') + '\n',
  );
  return missed ? 1 : 0;
}

const argv = process.argv.slice(2);
if (argv[0] === '--child') {
  const group = GROUPS.find((candidate) => candidate.id === argv[1]);
  if (!group) throw new Error(`unknown group ${argv[1]}`);
  const result = await runGroupInThisProcess(group);
  process.stdout.write(`${JSON.stringify(result)}\n`);
} else {
  const groupsIndex = argv.indexOf('--groups');
  const selected = groupsIndex >= 0 ? (argv[groupsIndex + 1] ?? '').split(',').filter(Boolean) : [];
  process.exitCode = await runParent(selected);
}
