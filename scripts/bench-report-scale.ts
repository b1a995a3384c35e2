/**
 * Benchmark of the measure + report stages at scale: synthetic annotations for 100,000 dialogues
 * (50,000 real + 50,000 simulated, 16 domains, the measures of every built-in dimension: length, linguistic,
 * error, emotion, intent, feedback, identity and knowledge, whose statement embeddings are 0–4 vectors of 512
 * components per dialogue, as from USE-lite) → report.json + report.md + report.html in memory. Issue #7's
 * target: ≤ 10 s. The annotations are drawn from a seeded generator (this is a speed test, not a measurement).
 * Every stage prints its wall time and its CPU time (user + system of all threads of this process, workers
 * included: on a shared host the steadier figure).
 *
 *   node dist/scripts/bench-report-scale.js [--dialogues 100000] [--resamples 1000] [--runs 1]
 *
 * With --runs N the benchmark runs N times, each in a fresh process, and adds the median, lowest and highest
 * total time: on a shared host one run can be 20–30 % slower than the next, so the median is the figure to
 * hold against the target.
 */
import { spawnSync } from 'node:child_process';
import { availableParallelism, loadavg } from 'node:os';
import { listDimensionIds, loadDimensions } from '../src/annotate/dimension-registry.js';
import type { DialogueAnnotation, DimensionDefinition } from '../src/core/dimension.js';
import { toolVersion } from '../src/core/tool-version.js';
import type { MeasuredSet } from '../src/measure/measured-set.js';
import { MOST_RESAMPLING_THREADS } from '../src/measure/resample-groups.js';
import { createSeededRandom } from '../src/measure/seeded-random.js';
import { buildRealismReport } from '../src/report/build-realism-report.js';
import { renderHtmlReport } from '../src/report/render-html-report.js';
import { renderMarkdownReport } from '../src/report/render-markdown-report.js';

function argument(name: string, fallback: number): number {
  const index = process.argv.indexOf(name);
  return index >= 0 ? Number(process.argv[index + 1]) : fallback;
}

/** Components of a synthetic knowledge-statement vector (USE-lite's). */
const SYNTHETIC_VECTOR_LENGTH = 512;

/**
 * 0–4 vectors of SYNTHETIC_VECTOR_LENGTH components, as Float32Arrays (what an encoder gives; they index like the
 * number[] of the annotation type and take half the memory at 100,000 dialogues).
 */
function syntheticVectors(random: () => number, shift: number): number[][] {
  return Array.from({ length: Math.floor(random() * 5) }, () => {
    const vector = new Float32Array(SYNTHETIC_VECTOR_LENGTH);
    for (let component = 0; component < vector.length; component += 1) vector[component] = random() - 0.5 + shift * 0.1;
    return vector as unknown as number[];
  });
}

function syntheticAnnotation(definitions: DimensionDefinition[], random: () => number, shift: number): Record<string, DialogueAnnotation> {
  const annotations: Record<string, DialogueAnnotation> = {};
  for (const definition of definitions) {
    const numeric: Record<string, number | null> = {};
    const categorical: Record<string, string[]> = {};
    const embeddings: Record<string, number[][]> = {};
    for (const measure of definition.measures) {
      if (measure.scale === 'embedding') embeddings[measure.id] = syntheticVectors(random, shift);
      if (measure.scale === 'numeric') numeric[measure.id] = Math.round((random() * 100 + shift * 20) * 100) / 100;
      if (measure.scale === 'categorical') {
        const categories = measure.includesNone ? [...measure.categories, 'none'] : measure.categories;
        const count = 1 + Math.floor(random() * 4);
        categorical[measure.id] = Array.from({ length: count }, () => categories[Math.floor(Math.pow(random(), 1 + shift) * categories.length)] ?? 'none');
      }
    }
    annotations[definition.id] = { dialogueId: '', numeric, categorical, ...(Object.keys(embeddings).length > 0 ? { embeddings } : {}) };
  }
  return annotations;
}

function syntheticSet(name: string, kind: 'real' | 'simulated', size: number, definitions: DimensionDefinition[], seed: number, shift: number): MeasuredSet {
  const random = createSeededRandom(seed);
  const backends = Object.fromEntries(definitions.map((definition) => [definition.id, 'synthetic']));
  return {
    name,
    kind,
    backends,
    dialogues: Array.from({ length: size }, (_, index) => ({
      id: `${name}-${index}`,
      domain: `domain-${index % 16}`,
      annotations: syntheticAnnotation(definitions, random, shift),
    })),
  };
}

const runs = argument('--runs', 1);
if (runs > 1) {
  const childArguments = process.argv.slice(1).filter((_, index, all) => all[index] !== '--runs' && all[index - 1] !== '--runs');
  const totals: number[] = [];
  const cpuTimes: number[] = [];
  for (let run = 0; run < runs; run += 1) {
    const child = spawnSync(process.execPath, childArguments, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
    if (child.status !== 0) process.exit(child.status ?? 1);
    process.stdout.write(child.stdout);
    totals.push(Number(/total ([0-9.]+) s/.exec(child.stdout)?.[1]));
    cpuTimes.push(Number(/CPU time ([0-9.]+) s/.exec(child.stdout)?.[1]));
  }
  const median = (values: number[]): number => {
    const sorted = [...values].sort((a, b) => a - b);
    const middle = Math.floor(sorted.length / 2);
    return sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
  };
  const medianTotal = median(totals);
  process.stdout.write(
    `${runs} runs: total median ${medianTotal.toFixed(2)} s (lowest ${Math.min(...totals).toFixed(2)} s, highest ${Math.max(...totals).toFixed(2)} s), ` +
      `CPU time median ${median(cpuTimes).toFixed(2)} s · target ≤ 10 s by the median: ${medianTotal <= 10 ? 'met' : 'missed'}; ` +
      `${totals.filter((value) => value > 10).length} of ${runs} runs over 10 s\n`,
  );
  process.exit(0);
}

const total = argument('--dialogues', 100_000);
const resamples = argument('--resamples', 1000);
const benchedDimensions = ['length', 'linguistic', 'error', 'emotion', 'intent', 'feedback', 'identity', 'knowledge'];

interface StageTime {
  stage: string;
  wallSeconds: number;
  cpuSeconds: number;
}

/** Runs one stage and records its wall time and the CPU time (user + system, all threads) it took. */
function timeStage<T>(stage: string, times: StageTime[], work: () => T): T {
  const startedAt = performance.now();
  const cpuAtStart = process.cpuUsage();
  const result = work();
  const cpu = process.cpuUsage(cpuAtStart);
  times.push({ stage, wallSeconds: (performance.now() - startedAt) / 1000, cpuSeconds: (cpu.user + cpu.system) / 1e6 });
  return result;
}

const formatStage = (time: StageTime): string => `${time.stage} ${time.wallSeconds.toFixed(2)} s (CPU ${time.cpuSeconds.toFixed(2)} s)`;

const modules = await loadDimensions(listDimensionIds().filter((id) => benchedDimensions.includes(id)));
const definitions = modules.map((module) => module.definition);
const setupTimes: StageTime[] = [];
const [real, simulated] = timeStage('synthetic annotations', setupTimes, () => [
  syntheticSet('real', 'real', total / 2, definitions, 1, 0),
  syntheticSet('simulated', 'simulated', total / 2, definitions, 2, 0.3),
]) as [MeasuredSet, MeasuredSet];
// The timed stages: measure (report.json's numbers) and render (json + md + html). Their CPU time counts every
// thread of this process (resampling workers included); unlike the wall time it hardly moves when other work on
// the host takes the cores for a while, so it is the steadier figure for comparing two builds.
const times: StageTime[] = [];
const report = timeStage('measure', times, () =>
  buildRealismReport({
    toolVersion: toolVersion(),
    seed: 1,
    resamples,
    noiseFloorSplits: 21,
    sets: [],
    measuredSets: [real, simulated],
    definitions,
    backends: real.backends,
    comparisons: [{ real: 'real', simulated: 'simulated', paired: false }],
  }),
);
const { json, markdown, html } = timeStage('render', times, () => ({
  json: JSON.stringify(report),
  markdown: renderMarkdownReport(report),
  html: renderHtmlReport(report),
}));
const totalWall = times.reduce((sum, time) => sum + time.wallSeconds, 0);
const totalCpu = times.reduce((sum, time) => sum + time.cpuSeconds, 0);
process.stdout.write(
  `report scale: ${total} dialogues (${definitions.map((definition) => definition.id).join(', ')}), ${resamples} resamples · ` +
    `${formatStage(setupTimes[0]!)} (not counted) · ${times.map(formatStage).join(', ')} · ` +
    `total ${totalWall.toFixed(2)} s (target ≤ 10 s), CPU time ${totalCpu.toFixed(2)} s · ` +
    `${report.distances.length} distance rows · ` +
    `json ${(json.length / 1e6).toFixed(1)} MB, md ${(markdown.length / 1e3).toFixed(0)} kB, html ${(html.length / 1e6).toFixed(1)} MB · ` +
    `peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB · load average ${loadavg()[0]!.toFixed(2)} · ` +
    `${availableParallelism()} cores (distance rows resampled on ${Math.min(availableParallelism(), MOST_RESAMPLING_THREADS)} threads)\n`,
);
