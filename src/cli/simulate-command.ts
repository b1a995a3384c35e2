import type { Command } from 'commander';
import { existsSync, readFileSync } from 'node:fs';
import { RealsimError, quoteForMessage } from '../core/realsim-error.js';
import { createTextCompleter } from '../llm/complete-text.js';
import { createLlmRunState } from '../llm/llm-run-state.js';
import { describeLlmEndpoint, resolveLlmSettings } from '../llm/llm-settings.js';
import { defaultPersonaPath, loadPersonaCandidates, parsePersonaMode, type PersonaCandidates } from '../simulate/choose-persona.js';
import { resolveGuardrailSet } from '../simulate/check-user-turn.js';
import { loadUserPromptTemplate } from '../simulate/user-prompt-template.js';
import { loadSimulationScenarios } from '../simulate/load-simulation-scenarios.js';
import { runSimulation, type SimulationSummary } from '../simulate/run-simulation.js';
import { parseKeyValueOptions } from './parse-set-specifications.js';
import { createStderrProgress, type ProgressReporter } from './progress-reporter.js';

const collect = (value: string, previous: string[]) => [...previous, value];

export interface SimulateCommandOptions {
  scenarios: string;
  simulator: string;
  userModel: string;
  userBaseUrl?: string;
  assistantModel: string;
  assistantBaseUrl?: string;
  assistantSystem?: string;
  persona: string;
  personas?: string;
  /** paper | paper-userlm: the paper's settings; flags given as well win. */
  preset?: string;
  maxTurns?: string;
  seed: string;
  concurrency: string;
  flipRoles?: string;
  maxRegenerations: string;
  minUserTurns?: string;
  guardrails?: string;
  userPrompt?: string;
  endToken?: string;
  limit?: string;
  option: string[];
  out: string;
}

/** The settings a preset fixes; what a flag left unset falls back to. */
export interface PresetSettings {
  maxTurns: string;
  minUserTurns: string;
  guardrails: string;
  endToken: string;
  flipRoles: string;
}

/** Without --preset: the paper's settings for a prompted simulator. */
export const SIMULATE_DEFAULTS: PresetSettings = { maxTurns: '10', minUserTurns: '4', guardrails: 'none', endToken: '<END>', flipRoles: 'true' };

/**
 * The paper's settings in one flag. paper: a prompted simulator (role prompt, at most 10 user turns, end
 * offered after 4, no guardrails). paper-userlm: the fine-tuned UserLM, the only simulator the paper puts
 * guardrails on, which ends with its own token.
 */
export const SIMULATE_PRESETS: Record<string, PresetSettings> = {
  paper: SIMULATE_DEFAULTS,
  'paper-userlm': { ...SIMULATE_DEFAULTS, guardrails: 'userlm', endToken: '<|endconversation|>' },
};

/** Flags given win over the preset, the preset over the defaults. */
export function resolvePresetSettings(options: Pick<SimulateCommandOptions, 'preset' | keyof PresetSettings>): PresetSettings {
  let preset: PresetSettings = SIMULATE_DEFAULTS;
  if (options.preset !== undefined) {
    const chosen = SIMULATE_PRESETS[options.preset];
    if (chosen === undefined) throw new RealsimError('USAGE', `--preset: expected one of ${Object.keys(SIMULATE_PRESETS).map((name) => `"${name}"`).join(', ')}, found ${quoteForMessage(options.preset)}`);
    preset = chosen;
  }
  return {
    maxTurns: options.maxTurns ?? preset.maxTurns,
    minUserTurns: options.minUserTurns ?? preset.minUserTurns,
    guardrails: options.guardrails ?? preset.guardrails,
    endToken: options.endToken ?? preset.endToken,
    flipRoles: options.flipRoles ?? preset.flipRoles,
  };
}

function parseInteger(flag: string, value: string, minimum: number): number {
  const parsed = /^\s*\d+\s*$/.test(value) ? Number.parseInt(value, 10) : Number.NaN;
  if (!Number.isSafeInteger(parsed) || parsed < minimum) throw new RealsimError('USAGE', `${flag}: expected an integer ≥ ${minimum}, found ${quoteForMessage(value)}`);
  return parsed;
}

function parseBoolean(flag: string, value: string): boolean {
  if (value === 'true') return true;
  if (value === 'false') return false;
  throw new RealsimError('USAGE', `${flag}: expected one of "true", "false", found ${quoteForMessage(value)}`);
}

/** llm.* options for one role: --option values, then the role's model and base URL (which win). */
function roleOptions(shared: Record<string, string>, model: string, baseUrl: string | undefined, concurrency: number): Record<string, string> {
  return {
    'llm.temperature': '1',
    ...shared,
    'llm.model': model,
    'llm.concurrency': String(concurrency),
    ...(baseUrl === undefined ? {} : { 'llm.base-url': baseUrl }),
  };
}

/** The whole command, minus argument parsing: returns what it did (tests call it directly). */
export async function simulateCommand(options: SimulateCommandOptions, progress: ProgressReporter = createStderrProgress()): Promise<SimulationSummary> {
  if (!options.scenarios) throw new RealsimError('USAGE', 'simulate: expected --scenarios <file|dialogues path>, found none');
  if (!options.out) throw new RealsimError('USAGE', 'simulate: expected --out <sims.jsonl>, found none');
  if (!options.simulator || !/^[A-Za-z0-9][A-Za-z0-9._:+-]*$/.test(options.simulator)) {
    throw new RealsimError('USAGE', `--simulator: expected a name of letters, digits and . _ : + - (e.g. gpt-4o-generic), found ${quoteForMessage(options.simulator ?? '')}`);
  }
  if (!options.userModel) throw new RealsimError('USAGE', 'simulate: expected --user-model <model>, found none');
  if (!options.assistantModel) throw new RealsimError('USAGE', 'simulate: expected --assistant-model <model>, found none');
  const personaMode = parsePersonaMode(options.persona);
  const preset = resolvePresetSettings(options);
  const maximumUserTurns = parseInteger('--max-turns', preset.maxTurns, 1);
  const seed = parseInteger('--seed', options.seed, 0);
  const concurrency = parseInteger('--concurrency', options.concurrency, 1);
  const flipRoles = parseBoolean('--flip-roles', preset.flipRoles);
  const maximumRegenerations = parseInteger('--max-regenerations', options.maxRegenerations, 0);
  const minimumUserTurnsBeforeEnd = parseInteger('--min-user-turns', preset.minUserTurns, 0);
  const guardrails = resolveGuardrailSet(preset.guardrails);
  const template = loadUserPromptTemplate(options.userPrompt);
  const endToken = preset.endToken;
  if (endToken.trim() === '') throw new RealsimError('USAGE', '--end-token: expected a token such as "<END>", found ""');
  const limit = options.limit === undefined ? undefined : parseInteger('--limit', options.limit, 1);

  let personaCandidates: PersonaCandidates | undefined;
  if (personaMode === 'informed') {
    const personaPath = options.personas ?? defaultPersonaPath(options.scenarios);
    if (personaPath === undefined) {
      throw new RealsimError('USAGE', '--persona informed: expected --personas <file> ({ "<scenario id>": ["persona", …] }), found none and no generated_informed_persona.json beside --scenarios');
    }
    personaCandidates = loadPersonaCandidates(personaPath);
  }
  let assistantSystemPrompt: string | undefined;
  if (options.assistantSystem !== undefined) {
    if (!existsSync(options.assistantSystem)) throw new RealsimError('INPUT_NOT_FOUND', `--assistant-system: expected a text file, found nothing at ${quoteForMessage(options.assistantSystem)}`);
    assistantSystemPrompt = readFileSync(options.assistantSystem, 'utf8').trim();
  }

  const allScenarios = await loadSimulationScenarios(options.scenarios);
  const scenarios = limit === undefined ? allScenarios : allScenarios.slice(0, limit);
  const shared = parseKeyValueOptions(options.option, '--option');
  const runState = createLlmRunState();
  const userSettings = resolveLlmSettings(roleOptions(shared, options.userModel, options.userBaseUrl, concurrency), undefined);
  const assistantSettings = resolveLlmSettings(roleOptions(shared, options.assistantModel, options.assistantBaseUrl, concurrency), undefined);
  const clients = {
    user: createTextCompleter(userSettings, { runState, dimension: 'simulate-user' }),
    assistant: createTextCompleter(assistantSettings, { runState, dimension: 'simulate-assistant' }),
  };
  progress.note(
    `simulate: ${scenarios.length} scenarios, user ${describeLlmEndpoint(userSettings)}, assistant ${describeLlmEndpoint(assistantSettings)}, persona ${personaMode}, seed ${seed}, prompt ${template.version}, guardrails ${guardrails.name}`,
  );
  const summary = await runSimulation({
    scenarios,
    personaMode,
    personaCandidates,
    concurrency,
    outPath: options.out,
    progress,
    clients,
    settings: {
      simulator: options.simulator,
      personaMode,
      seed,
      flipRoles,
      endToken,
      maximumUserTurns,
      minimumUserTurnsBeforeEnd,
      maximumRegenerations,
      guardrails,
      template,
      assistantSystemPrompt,
    },
  });
  const sent = runState.usage.byDimension();
  const requests = (sent['simulate-user']?.requests ?? 0) + (sent['simulate-assistant']?.requests ?? 0);
  progress.note(
    `simulate: ${summary.simulated} dialogues simulated, ${summary.resumed} resumed, written to ${options.out}; ${requests} requests sent (retries included), ` +
      `${summary.promptTokens} prompt + ${summary.completionTokens} completion tokens in the new dialogues (endpoint usage fields)`,
  );
  return summary;
}

export function registerSimulateCommand(program: Command): void {
  program
    .command('simulate')
    .description('simulate users on task scenarios against OpenAI-compatible endpoints; writes one dialogue a line (JSONL, resumable)')
    .option('--scenarios <path>', 'scenarios: a { "<domain>_<n>": sentence } JSON map, a `realsim scenarios` JSONL, or dialogues (scenarios extracted offline)')
    .option('--simulator <name>', 'simulator name written into every record (the set name in evaluate)')
    .option('--user-model <model>', 'model that plays the user')
    .option('--user-base-url <url>', 'OpenAI-compatible base URL for the user model (default: REALSIM_LLM_BASE_URL or OpenAI)')
    .option('--assistant-model <model>', 'model that plays the chatbot')
    .option('--assistant-base-url <url>', 'OpenAI-compatible base URL for the assistant model (default: REALSIM_LLM_BASE_URL or OpenAI)')
    .option('--assistant-system <file>', 'system prompt of the chatbot under test (default: none, a vanilla model)')
    .option('--persona <mode>', 'generic ("a human user") or informed (one candidate persona per scenario, chosen with the seed)', 'generic')
    .option('--personas <file>', 'candidate personas { "<scenario id>": [5 strings] } (default: generated_informed_persona.json beside --scenarios)')
    .option('--preset <name>', 'the paper\'s settings: paper (prompted simulator: no guardrails) or paper-userlm (guardrails userlm, end token <|endconversation|>); flags given as well win')
    .option('--max-turns <n>', 'hard stop after this many user turns (default 10)')
    .option('--seed <n>', 'seed for persona choice and sampling (sent with each request; a resample sends seed + 1, + 2, …)', '0')
    .option('--concurrency <n>', 'dialogues simulated at once (and requests in flight per role)', '4')
    .option('--flip-roles <bool>', 'send the history to the user model with roles flipped (true) or as they are (false) (default true)')
    .option('--user-prompt <file>', 'user-simulator prompt template (sections and {{variables}} as in src/simulate/prompts/user-simulator.txt, the default)')
    .option('--min-user-turns <n>', 'the prompt offers the end token once the user has written this many turns (and the end-timing guardrail refuses it before) (default 4)')
    .option('--guardrails <set>', 'checks on each user turn, refused turns resampled: none, userlm (3-25 words, no verbatim repeat, no first word I/You/Here, no end before --min-user-turns) or a set file (JSON) (default none)')
    .option('--max-regenerations <n>', 'resamples (same request, next seed) per user turn before a refused turn is accepted (and counted)', '3')
    .option('--end-token <token>', 'what the user model writes to end the dialogue (default <END>)')
    .option('--limit <n>', 'simulate only the first n scenarios')
    .option('--option <key=value>', 'llm option for both roles, e.g. llm.timeout-ms=30000 or llm.temperature=0.7 (repeatable; see --help of validate)', collect, [])
    .option('--out <file>', 'output JSONL (appended; a rerun skips finished scenarios)')
    .action(async (options: SimulateCommandOptions) => {
      await simulateCommand(options);
      process.stdout.write(`${options.out}\n`);
    });
}
