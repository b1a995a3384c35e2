import type { MeasuredDialogue } from './measured-set.js';
import { compareText } from './compare-text.js';

export interface ScenarioPair {
  scenarioId: string;
  /** The pair's domain is the real dialogue's domain. */
  domain: string;
  real: MeasuredDialogue;
  simulated: MeasuredDialogue;
}

export interface ScenarioPairing {
  /** Pairs in (scenarioId, occurrence) order. */
  pairs: ScenarioPair[];
  /** Dialogues without a counterpart on the other side (no scenarioId, or no match). */
  leftOutReal: MeasuredDialogue[];
  leftOutSimulated: MeasuredDialogue[];
}

/**
 * Pairs real and simulated dialogues by scenarioId, many-to-one: a scenario with r real and s simulated
 * dialogues gives max(r, s) pairs, the k-th pairing real dialogue k mod r with simulated dialogue k mod s
 * (input order), so every trial of a task is paired (4 simulated trials of one real task give 4 pairs
 * that share the real dialogue). Dialogues without a scenarioId, or whose scenario is missing on the
 * other side, are left out.
 */
export function pairByScenario(
  real: readonly MeasuredDialogue[],
  simulated: readonly MeasuredDialogue[],
): ScenarioPairing {
  const realByScenario = byScenario(real);
  const simulatedByScenario = byScenario(simulated);
  const pairs: ScenarioPair[] = [];
  const pairedReal = new Set<MeasuredDialogue>();
  const pairedSimulated = new Set<MeasuredDialogue>();
  const scenarioIds = [...realByScenario.keys()].filter((id) => simulatedByScenario.has(id)).sort(compareText);
  for (const scenarioId of scenarioIds) {
    const realDialogues = realByScenario.get(scenarioId) ?? [];
    const simulatedDialogues = simulatedByScenario.get(scenarioId) ?? [];
    const count = Math.max(realDialogues.length, simulatedDialogues.length);
    for (let index = 0; index < count; index += 1) {
      const realDialogue = realDialogues[index % realDialogues.length] as MeasuredDialogue;
      const simulatedDialogue = simulatedDialogues[index % simulatedDialogues.length] as MeasuredDialogue;
      pairs.push({ scenarioId, domain: realDialogue.domain, real: realDialogue, simulated: simulatedDialogue });
      pairedReal.add(realDialogue);
      pairedSimulated.add(simulatedDialogue);
    }
  }
  return {
    pairs,
    leftOutReal: real.filter((dialogue) => !pairedReal.has(dialogue)),
    leftOutSimulated: simulated.filter((dialogue) => !pairedSimulated.has(dialogue)),
  };
}

function byScenario(dialogues: readonly MeasuredDialogue[]): Map<string, MeasuredDialogue[]> {
  const map = new Map<string, MeasuredDialogue[]>();
  for (const dialogue of dialogues) {
    if (dialogue.scenarioId === undefined) continue;
    const list = map.get(dialogue.scenarioId);
    if (list) list.push(dialogue);
    else map.set(dialogue.scenarioId, [dialogue]);
  }
  return map;
}
