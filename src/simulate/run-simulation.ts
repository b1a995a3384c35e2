import { closeSync, mkdirSync, openSync, renameSync, writeFileSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import type { ProgressReporter } from '../cli/progress-reporter.js';
import { createConcurrencyLimiter } from '../llm/concurrency-limiter.js';
import { choosePersona, type PersonaCandidates, type PersonaMode } from './choose-persona.js';
import { readSimulationOutput } from './read-simulation-output.js';
import { simulateDialogue, type DialogueSimulationClients, type DialogueSimulationSettings } from './simulate-dialogue.js';
import type { SimulatedDialogueRecord } from './simulated-dialogue-record.js';
import type { SimulationScenario } from './simulation-scenario.js';

export interface SimulationRun {
  scenarios: SimulationScenario[];
  personaMode: PersonaMode;
  personaCandidates: PersonaCandidates | undefined;
  settings: DialogueSimulationSettings;
  clients: DialogueSimulationClients;
  /** Dialogues simulated at once. */
  concurrency: number;
  outPath: string;
  progress: ProgressReporter;
  /** Monotonic milliseconds (injectable for tests of the ETA text). */
  now?: () => number;
}

export interface SimulationSummary {
  /** Dialogues found finished in --out before this run. */
  resumed: number;
  /** Dialogues simulated by this run. */
  simulated: number;
  /** Bytes of an incomplete last line removed from --out. */
  droppedBytes: number;
  promptTokens: number;
  completionTokens: number;
}

function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '?';
  if (seconds < 60) return `${Math.round(seconds)}s`;
  const minutes = Math.floor(seconds / 60);
  return `${minutes}m${String(Math.round(seconds - minutes * 60)).padStart(2, '0')}s`;
}

/**
 * Simulates every scenario not yet in outPath, at most `concurrency` dialogues at once, appending each
 * dialogue as one line (one write call) the moment it finishes, so a killed run loses only the
 * dialogues in flight. Personas are chosen per scenario from the seed, so the records do not depend on
 * order or concurrency. When every scenario is done, the file is rewritten (to a temporary file, then
 * renamed) in scenario order, so a finished output is byte-identical whatever the completion order.
 */
export async function runSimulation(run: SimulationRun): Promise<SimulationSummary> {
  const now = run.now ?? (() => performance.now());
  mkdirSync(dirname(run.outPath), { recursive: true });
  const existing = readSimulationOutput(run.outPath, {
    simulator: run.settings.simulator,
    personaMode: run.personaMode,
    promptVersion: run.settings.template.version,
    guardrailSet: run.settings.guardrails.name,
  });
  const finished = new Map<string, SimulatedDialogueRecord>();
  for (const record of existing.records) if (!finished.has(record.scenario_id)) finished.set(record.scenario_id, record);
  if (existing.droppedBytes > 0) run.progress.note(`simulate: removed an incomplete last line (${existing.droppedBytes} bytes) from ${run.outPath}; its dialogue is simulated again`);
  const pending = run.scenarios.filter((scenario) => !finished.has(scenario.scenarioId));
  // choose every persona first: a missing candidate list fails before any request is sent
  const personas = pending.map((scenario) => choosePersona(run.personaMode, scenario.scenarioId, run.settings.seed, run.personaCandidates));
  if (finished.size > 0) run.progress.note(`simulate: ${finished.size} dialogues already in ${run.outPath}, ${pending.length} to go`);

  const summary: SimulationSummary = { resumed: finished.size, simulated: 0, droppedBytes: existing.droppedBytes, promptTokens: 0, completionTokens: 0 };
  const task = run.progress.start('simulate', pending.length);
  const limiter = createConcurrencyLimiter(run.concurrency);
  const startedAt = now();
  const noteEvery = Math.max(1, Math.ceil(pending.length / 10));
  const descriptor = openSync(run.outPath, 'a');
  let outcomes: PromiseSettledResult<void>[];
  try {
    // allSettled: one failed dialogue does not stop the others from finishing and being written
    outcomes = await Promise.allSettled(
      pending.map((scenario, index) =>
        limiter.run(async () => {
          const record = await simulateDialogue(scenario, personas[index] as string, run.settings, run.clients);
          writeSync(descriptor, `${JSON.stringify(record)}\n`);
          finished.set(scenario.scenarioId, record);
          summary.simulated += 1;
          summary.promptTokens += record.usage.prompt_tokens;
          summary.completionTokens += record.usage.completion_tokens;
          task.tick();
          if (summary.simulated % noteEvery === 0 && summary.simulated < pending.length) {
            const elapsedSeconds = (now() - startedAt) / 1000;
            const eta = (elapsedSeconds / summary.simulated) * (pending.length - summary.simulated);
            run.progress.note(
              `simulate: ${summary.simulated}/${pending.length} dialogues, ${summary.promptTokens} prompt + ${summary.completionTokens} completion tokens, ETA ${formatDuration(eta)}`,
            );
          }
        }),
      ),
    );
  } finally {
    closeSync(descriptor);
  }
  const failure = outcomes.find((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
  if (failure) {
    task.done(`stopped: ${summary.simulated} written, rerun to resume`);
    throw failure.reason;
  }
  task.done(`${summary.promptTokens} prompt + ${summary.completionTokens} completion tokens`);
  writeInScenarioOrder(run.outPath, run.scenarios, finished);
  return summary;
}

/** Rewrites the output in scenario order (records of scenarios not in this run's list keep their place at the end). */
function writeInScenarioOrder(outPath: string, scenarios: SimulationScenario[], finished: Map<string, SimulatedDialogueRecord>): void {
  const ordered: SimulatedDialogueRecord[] = [];
  const listed = new Set<string>();
  for (const scenario of scenarios) {
    const record = finished.get(scenario.scenarioId);
    if (record) ordered.push(record);
    listed.add(scenario.scenarioId);
  }
  for (const [scenarioId, record] of finished) if (!listed.has(scenarioId)) ordered.push(record);
  const temporary = `${outPath}.tmp-${process.pid}`;
  writeFileSync(temporary, ordered.map((record) => `${JSON.stringify(record)}\n`).join(''));
  renameSync(temporary, outPath);
}
