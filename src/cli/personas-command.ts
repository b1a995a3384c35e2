import type { Command } from 'commander';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { createDiskCache, createMemoryCache } from '../annotate/annotation-cache.js';
import { RealsimError, quoteForMessage } from '../core/realsim-error.js';
import { generatePersonasWithLlm } from '../llm/generate-personas-with-llm.js';
import { llmRunState } from '../llm/llm-run-state.js';
import { describeLlmEndpoint, resolveLlmSettings } from '../llm/llm-settings.js';
import { loadSimulationScenarios } from '../simulate/load-simulation-scenarios.js';
import { parseKeyValueOptions } from './parse-set-specifications.js';
import { createStderrProgress, type ProgressReporter } from './progress-reporter.js';

const collect = (value: string, previous: string[]) => [...previous, value];

export interface PersonasCommandOptions {
  scenarios: string;
  out: string;
  candidates: string;
  option: string[];
  cacheDir: string;
  cache: boolean;
}

/**
 * Writes { "<scenario id>": ["persona", …] } (the layout of the published generated_informed_persona.json,
 * keys in scenario order, 2-space JSON) for `simulate --persona informed --personas <file>`.
 */
export async function personasCommand(options: PersonasCommandOptions, progress: ProgressReporter = createStderrProgress()): Promise<Record<string, string[]>> {
  if (!options.scenarios) throw new RealsimError('USAGE', 'personas: expected --scenarios <file|dialogues path>, found none');
  if (!options.out) throw new RealsimError('USAGE', 'personas: expected --out <personas.json>, found none');
  const candidates = /^\s*\d+\s*$/.test(options.candidates) ? Number.parseInt(options.candidates, 10) : Number.NaN;
  if (!Number.isSafeInteger(candidates) || candidates < 1 || candidates > 20) {
    throw new RealsimError('USAGE', `--candidates: expected an integer from 1 to 20, found ${quoteForMessage(options.candidates)}`);
  }
  const scenarios = await loadSimulationScenarios(options.scenarios);
  const runOptions = parseKeyValueOptions(options.option, '--option');
  const settings = resolveLlmSettings(runOptions, 'personas');
  const cache = options.cache ? createDiskCache(options.cacheDir) : createMemoryCache();
  progress.note(`personas: ${scenarios.length} scenarios, ${candidates} candidates each, ${describeLlmEndpoint(settings)}`);
  const lists = await generatePersonasWithLlm(
    scenarios.map((scenario) => scenario.scenario),
    candidates,
    settings,
    { cache, progress, options: runOptions },
  );
  const personas: Record<string, string[]> = {};
  scenarios.forEach((scenario, index) => (personas[scenario.scenarioId] = lists[index] ?? []));
  mkdirSync(dirname(options.out), { recursive: true });
  writeFileSync(options.out, `${JSON.stringify(personas, null, 2)}\n`);
  const usage = llmRunState(runOptions).usage.byDimension().personas;
  progress.note(`personas: ${scenarios.length} scenarios written to ${options.out}` + (usage ? `; ${usage.requests} requests, ${usage.promptTokens} prompt + ${usage.completionTokens} completion tokens` : ''));
  return personas;
}

export function registerPersonasCommand(program: Command): void {
  program
    .command('personas')
    .description('write candidate informed personas per scenario ({ "<scenario id>": [persona, …] } JSON) through an LLM, for simulate --persona informed')
    .option('--scenarios <path>', 'scenarios: a `realsim scenarios` JSONL, a { "<domain>_<n>": sentence } map, or dialogues')
    .option('--out <file>', 'output JSON file', 'personas.json')
    .option('--candidates <n>', 'personas per scenario', '5')
    .option('--option <key=value>', 'llm option, e.g. llm.model=gpt-4o or llm.base-url=http://127.0.0.1:11434/v1 (repeatable)', collect, [])
    .option('--cache-dir <dir>', 'cache folder', '.realsim-cache')
    .option('--no-cache', 'do not read or write the cache')
    .action(async (options: PersonasCommandOptions) => {
      await personasCommand(options);
      process.stdout.write(`${options.out}\n`);
    });
}
