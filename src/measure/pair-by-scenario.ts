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
 * Pairs real and simulated dialogues by scenarioId. When a scenario occurs several times on a side, the
 * k-th real dialogue of that scenario is paired with the k-th simulated one (input order) and the
 * surplus is left out; dialogues without a scenarioId are left out.
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
    const count = Math.min(realDialogues.length, simulatedDialogues.length);
    for (let index = 0; index < count; index += 1) {
      const realDialogue = realDialogues[index] as MeasuredDialogue;
      const simulatedDialogue = simulatedDialogues[index] as MeasuredDialogue;
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
