import { readFileSync, statSync } from 'node:fs';
import { RealsimError, quoteForMessage } from '../core/realsim-error.js';
import { offlineScenario } from '../llm/offline-scenario.js';
import { describeJsonValue } from '../load/describe-json-value.js';
import { loadDialogueSet } from '../load/load-dialogue-set.js';
import type { SimulationScenario } from './simulation-scenario.js';

/** The domain of a realsim scenario key "<domain>_<n>": everything before the last "_". */
export function domainOfScenarioKey(key: string): string {
  const cut = key.lastIndexOf('_');
  return cut > 0 ? key.slice(0, cut) : key;
}

/** A JSON object that is not a dialogue record: realsim's scenario map layout (checked entry by entry). */
function looksLikeScenarioMap(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  const dialogueKeys = ['messages', 'conversation', 'conversations', 'turns', 'traj', 'pair_id'];
  return keys.length > 0 && !keys.some((key) => dialogueKeys.includes(key));
}

/** The scenarios of a scenario map, held to the rules of the JSONL form: non-empty ids and scenario strings. */
function scenariosFromMap(map: Record<string, unknown>, path: string): SimulationScenario[] {
  return Object.entries(map).map(([key, scenario]) => {
    if (key.trim() === '') throw new RealsimError('INPUT_INVALID_RECORD', `${path}: expected each key of the scenario map to be a scenario id, found an empty key`);
    if (typeof scenario !== 'string' || scenario.trim() === '') {
      throw new RealsimError('INPUT_INVALID_RECORD', `${path} key ${quoteForMessage(key)}: expected a non-empty scenario string, found ${describeJsonValue(scenario)}`);
    }
    return { scenarioId: key, domain: domainOfScenarioKey(key), scenario: scenario.trim() };
  });
}

function scenariosFromJsonl(text: string, path: string): SimulationScenario[] | undefined {
  const lines = text.split('\n');
  const scenarios: SimulationScenario[] = [];
  for (const [index, line] of lines.entries()) {
    if (line.trim() === '') continue;
    const where = `${path} line ${index + 1}`;
    let record: unknown;
    try {
      record = JSON.parse(line);
    } catch {
      if (scenarios.length === 0) return undefined;
      throw new RealsimError('INPUT_INVALID_JSON', `${where}: expected one JSON scenario record a line, found ${quoteForMessage(line)}`);
    }
    const fields = record as Record<string, unknown> | null;
    const looksLikeScenario = fields !== null && typeof fields === 'object' && 'scenario' in fields && !('messages' in fields) && !('conversation' in fields);
    if (!looksLikeScenario) {
      if (scenarios.length === 0) return undefined;
      throw new RealsimError('INPUT_INVALID_RECORD', `${where}: expected { scenario_id, scenario, domain? }, found ${quoteForMessage(line)}`);
    }
    const id = fields['scenario_id'] ?? fields['id'];
    const scenario = fields['scenario'];
    if ((typeof id !== 'string' && typeof id !== 'number') || typeof scenario !== 'string' || scenario.trim() === '') {
      throw new RealsimError('INPUT_INVALID_RECORD', `${where}: expected a scenario_id and a non-empty scenario string, found ${quoteForMessage(line)}`);
    }
    const scenarioId = String(id);
    const domain = typeof fields['domain'] === 'string' ? fields['domain'] : domainOfScenarioKey(scenarioId);
    scenarios.push({ scenarioId, domain, scenario: scenario.trim() });
  }
  return scenarios.length > 0 ? scenarios : undefined;
}

function rejectDuplicates(scenarios: SimulationScenario[], path: string): SimulationScenario[] {
  const seen = new Set<string>();
  for (const { scenarioId } of scenarios) {
    if (seen.has(scenarioId)) throw new RealsimError('INPUT_DUPLICATE_ID', `${path}: expected each scenario_id once, found ${quoteForMessage(scenarioId)} twice`);
    seen.add(scenarioId);
  }
  return scenarios;
}

/**
 * Reads the scenarios to simulate, in file order, from one of:
 * - a realsim scenario map `{ "<domain>_<n>": "interacting with a chatbot to …" }` (all_extracted_scenarios.json);
 * - a scenarios JSONL (`realsim scenarios` output: { scenario_id, scenario, domain? });
 * - dialogues (any layout realsim loads, file or folder): each dialogue's own scenario if it has one, else
 *   the offline scenario of its first user turns; scenario id = the dialogue's scenarioId, else its id.
 */
export async function loadSimulationScenarios(path: string): Promise<SimulationScenario[]> {
  let isFile: boolean;
  try {
    isFile = statSync(path).isFile();
  } catch {
    throw new RealsimError('INPUT_NOT_FOUND', `--scenarios: expected a scenarios file or dialogues path, found nothing at ${quoteForMessage(path)}`);
  }
  if (isFile) {
    // a UTF-8 byte-order mark is accepted here as in dialogue files
    const text = readFileSync(path, 'utf8').replace(/^\ufeff/, '');
    if (path.endsWith('.json')) {
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch {
        value = undefined;
      }
      if (looksLikeScenarioMap(value)) return scenariosFromMap(value, path);
    } else {
      const fromJsonl = scenariosFromJsonl(text, path);
      if (fromJsonl) return rejectDuplicates(fromJsonl, path);
    }
  }
  const set = await loadDialogueSet([path], { name: 'scenarios', kind: 'real' });
  const scenarios = set.dialogues.map((dialogue) => ({
    scenarioId: dialogue.scenarioId ?? dialogue.id,
    domain: dialogue.domain,
    scenario:
      dialogue.scenario ??
      offlineScenario(
        dialogue.turns
          .filter((turn) => turn.role === 'user')
          .slice(0, 3)
          .map((turn) => turn.text),
      ),
  }));
  return rejectDuplicates(scenarios, path);
}
