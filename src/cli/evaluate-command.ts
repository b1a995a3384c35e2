import type { Command } from 'commander';
import { join } from 'node:path';
import { createDiskCache, createMemoryCache } from '../annotate/annotation-cache.js';
import { RealsimError, quoteForMessage } from '../core/realsim-error.js';
import { INPUT_FORMATS, type InputFormat } from '../load/detect-input-format.js';
import { loadDomainMap } from '../load/load-domain-map.js';
import { normalizeInputPath } from '../load/list-input-files.js';
import { makeFolder } from '../core/file-system-error.js';
import { writeMarkdownSummary, writeRealismReport } from '../report/write-realism-report.js';
import { parseInteger, parseKeyValueOptions, parseSetSpecifications } from './parse-set-specifications.js';
import { createStderrProgress } from './progress-reporter.js';
import { runEvaluation } from './run-evaluation.js';
import { DEFAULT_CONFIG_FILE, applyConfigFile } from './apply-config-file.js';

const collect = (value: string, previous: string[]) => [...previous, value];

export interface EvaluateCommandOptions {
  real: string[];
  sim: string[];
  pairs: string[];
  out: string;
  seed: string;
  resamples: string;
  noiseFloorSplits: string;
  dimensions?: string;
  backend: string[];
  option: string[];
  format?: string;
  domainMap?: string;
  cacheDir: string;
  cache: boolean;
  labels?: string;
  markdownSummary?: string;
}

export function parseFormat(value: string | undefined): InputFormat | undefined {
  if (value === undefined) return undefined;
  if (!(INPUT_FORMATS as readonly string[]).includes(value)) {
    throw new RealsimError(
      'USAGE',
      `--format: expected one of ${INPUT_FORMATS.map((format) => `"${format}"`).join(', ')}, found ${quoteForMessage(value)}`,
    );
  }
  return value as InputFormat;
}

/** 100× the default: intervals stop changing long before; beyond it a run is a typo, not a choice. */
export const MAXIMUM_RESAMPLES = 100_000;
/** The floor is a median of splits; 1,001 splits pin it far below the rounding of the report. */
export const MAXIMUM_NOISE_FLOOR_SPLITS = 1_001;

/** --out must not be an input folder: its report.json would be read as dialogues by the next run. */
export function refuseOutputAmongInputs(out: string, inputPaths: readonly string[]): void {
  const output = normalizeInputPath(out);
  for (const path of inputPaths) {
    if (normalizeInputPath(path) === output) {
      throw new RealsimError('USAGE', `--out: expected a folder apart from the inputs, found the input folder ${quoteForMessage(path)} (report.json would be read as dialogues)`);
    }
  }
}

export async function evaluateCommand(options: EvaluateCommandOptions): Promise<void> {
  const progress = createStderrProgress();
  const seed = parseInteger(options.seed, '--seed', 0);
  const resamples = parseInteger(options.resamples, '--resamples', 1000, MAXIMUM_RESAMPLES);
  const noiseFloorSplits = parseInteger(options.noiseFloorSplits, '--noise-floor-splits', 1, MAXIMUM_NOISE_FLOOR_SPLITS);
  const format = parseFormat(options.format);
  const real = parseSetSpecifications(options.real, '--real', 'real');
  const simulated = parseSetSpecifications(options.sim, '--sim', undefined);
  refuseOutputAmongInputs(options.out, [...real, ...simulated].flatMap((set) => set.paths));
  // made before any work, so an unwritable --out fails in a second, not after the annotation
  makeFolder(options.out, '--out folder');
  const domainMap = options.domainMap ? await loadDomainMap(options.domainMap) : undefined;
  const cache = options.cache ? createDiskCache(options.cacheDir) : createMemoryCache();
  const result = await runEvaluation(
    {
      real,
      simulated,
      pairFiles: options.pairs,
      ...(format ? { format } : {}),
      ...(domainMap ? { domainMap } : {}),
      ...(options.dimensions ? { dimensions: options.dimensions.split(',').map((id) => id.trim()).filter(Boolean) } : {}),
      backends: parseKeyValueOptions(options.backend, '--backend'),
      seed,
      resamples,
      noiseFloorSplits,
      ...(options.labels ? { labelsFile: options.labels } : {}),
    },
    { cache, progress, options: parseKeyValueOptions(options.option, '--option') },
  );
  const written = writeRealismReport(result.report, options.out);
  const statistics = cache.statistics();
  progress.note(`annotation cache: ${statistics.hits} hits, ${statistics.misses} misses (${options.cache ? options.cacheDir : 'disabled'})`);
  const summary = options.markdownSummary === undefined ? '' : `${writeMarkdownSummary(result.report, options.markdownSummary)}\n`;
  process.stdout.write(`${written.json}\n${written.markdown}\n${written.html}\n${summary}`);
}

export function registerEvaluateCommand(program: Command): void {
  program
    .command('evaluate')
    .description('compare real and simulated dialogues on every dimension and write report.json + report.md')
    .option('--real <path>', 'real dialogues: a file or folder, or name=path (repeatable)', collect, [])
    .option('--sim <name=path>', 'simulated dialogues of one simulator (repeatable)', collect, [])
    .option('--pairs <file>', 'a pair file holding real and simulated dialogues per task (repeatable)', collect, [])
    .option('--out <dir>', 'output folder for report.json and report.md', join('reports', 'latest'))
    .option('--seed <n>', 'seed of every random choice (bootstrap, noise-floor splits)', '1')
    .option('--resamples <n>', 'bootstrap resamples per interval (≥ 1000)', '1000')
    .option('--noise-floor-splits <n>', 'random real-vs-real half splits; the floor is their median', '21')
    .option('--dimensions <ids>', 'comma-separated dimension ids (default: all)')
    .option('--backend <dimension=backend>', 'choose a dimension backend (repeatable)', collect, [])
    .option('--option <key=value>', 'backend option, e.g. emotion.threshold=0.75 (repeatable)', collect, [])
    .option('--format <format>', `input format override: ${INPUT_FORMATS.join(', ')}`)
    .option('--domain-map <file>', 'JSON map of file stems/domains to merged domains')
    .option('--labels <file>', 'hand labels (reference-labels JSONL) of some real dialogues: adds an annotator-validity section')
    .option('--markdown-summary <file>', 'also write a short Markdown summary (under 60,000 characters) for a PR comment')
    .option('--cache-dir <dir>', 'annotation cache folder', '.realsim-cache')
    .option('--no-cache', 'do not read or write the annotation cache')
    .option('--config <file>', `settings file (JSON) holding what the flags hold; flags override it (default: ${DEFAULT_CONFIG_FILE} if present)`)
    .action(async (options: EvaluateCommandOptions & { config?: string }, command: Command) => {
      const configFile = applyConfigFile(command, options as unknown as Record<string, unknown>, options.config);
      if (configFile) process.stderr.write(`realsim config: settings from ${configFile}\n`);
      await evaluateCommand(options);
    });
}
