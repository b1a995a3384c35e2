import type { Command } from 'commander';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { createDiskCache, createMemoryCache } from '../annotate/annotation-cache.js';
import type { Dialogue } from '../core/dialogue.js';
import { RealsimError, quoteForMessage } from '../core/realsim-error.js';
import { extractScenariosWithLlm, scenarioNamespace } from '../llm/extract-scenarios-with-llm.js';
import { llmRunState } from '../llm/llm-run-state.js';
import { resolveLlmSettings } from '../llm/llm-settings.js';
import { offlineScenario } from '../llm/offline-scenario.js';
import { loadDialogueSet } from '../load/load-dialogue-set.js';
import { parseFormat } from './evaluate-command.js';
import { parseKeyValueOptions } from './parse-set-specifications.js';
import { createStderrProgress, type ProgressReporter } from './progress-reporter.js';

const collect = (value: string, previous: string[]) => [...previous, value];

export const SCENARIO_BACKENDS = ['offline', 'llm'] as const;
export const OFFLINE_SCENARIO_BACKEND = 'scenario-offline@1 (first task sentence of the first user turns, rules)';

export interface ScenariosCommandOptions {
  dialogues: string[];
  out: string;
  backend: string;
  option: string[];
  format?: string;
  cacheDir: string;
  cache: boolean;
}

/** One output line per dialogue: ids, domain, the sentence and the backend that wrote it. */
export interface ScenarioRecord {
  scenario_id: string;
  dialogue_id: string;
  domain: string;
  scenario: string;
  backend: string;
}

/** Scenario records for dialogues with either backend (the llm one through the shared client and cache). */
export async function extractScenarios(
  dialogues: Dialogue[],
  backend: string,
  context: { cache: ReturnType<typeof createMemoryCache>; progress: ProgressReporter; options: Record<string, string> },
): Promise<ScenarioRecord[]> {
  let sentences: string[];
  let backendName: string;
  if (backend === 'offline') {
    sentences = dialogues.map((dialogue) => offlineScenario(dialogue.turns.filter((turn) => turn.role === 'user').slice(0, 3).map((turn) => turn.text)));
    backendName = OFFLINE_SCENARIO_BACKEND;
  } else if (backend === 'llm') {
    const settings = resolveLlmSettings(context.options, 'scenarios');
    sentences = await extractScenariosWithLlm(dialogues, settings, context);
    backendName = `scenario-llm@2 (${settings.model}, prompt ${scenarioNamespace(settings).split(':').pop() ?? ''})`;
  } else {
    throw new RealsimError('USAGE', `--backend: expected one of ${SCENARIO_BACKENDS.map((name) => `"${name}"`).join(', ')}, found ${quoteForMessage(backend)}`);
  }
  return dialogues.map((dialogue, index) => ({
    scenario_id: dialogue.scenarioId ?? dialogue.id,
    dialogue_id: dialogue.id,
    domain: dialogue.domain,
    scenario: sentences[index] ?? '',
    backend: backendName,
  }));
}

export async function scenariosCommand(options: ScenariosCommandOptions): Promise<void> {
  if (options.dialogues.length === 0) throw new RealsimError('USAGE', 'scenarios: expected --dialogues <path>, found none');
  const progress = createStderrProgress();
  const format = parseFormat(options.format);
  const set = await loadDialogueSet(options.dialogues, { name: 'real', kind: 'real', ...(format ? { format } : {}) });
  const cache = options.cache ? createDiskCache(options.cacheDir) : createMemoryCache();
  const runOptions = parseKeyValueOptions(options.option, '--option');
  const records = await extractScenarios(set.dialogues, options.backend, { cache, progress, options: runOptions });
  mkdirSync(dirname(options.out), { recursive: true });
  writeFileSync(options.out, records.map((record) => `${JSON.stringify(record)}\n`).join(''));
  const usage = llmRunState(runOptions).usage.byDimension().scenarios;
  const statistics = cache.statistics();
  progress.note(
    `scenarios: ${records.length} written to ${options.out}; cache ${statistics.hits} hits, ${statistics.misses} misses` +
      (usage ? `; ${usage.requests} requests, ${usage.promptTokens} prompt + ${usage.completionTokens} completion tokens` : ''),
  );
  process.stdout.write(`${options.out}\n`);
}

export function registerScenariosCommand(program: Command): void {
  program
    .command('scenarios')
    .description('write one task scenario sentence per dialogue ("interacting with a chatbot to …") as JSONL')
    .option('--dialogues <path>', 'dialogue file or folder (repeatable)', collect, [])
    .option('--out <file>', 'output JSONL file', 'scenarios.jsonl')
    .option('--backend <name>', `scenario backend: ${SCENARIO_BACKENDS.join(' or ')} (llm needs an endpoint, see --option llm.*)`, 'offline')
    .option('--option <key=value>', 'llm option, e.g. llm.model=gpt-4o-mini or llm.base-url=http://127.0.0.1:11434/v1 (repeatable)', collect, [])
    .option('--format <format>', 'input format override')
    .option('--cache-dir <dir>', 'cache folder', '.realsim-cache')
    .option('--no-cache', 'do not read or write the cache')
    .action(async (options: ScenariosCommandOptions) => {
      await scenariosCommand(options);
    });
}
