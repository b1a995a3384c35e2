import type { Dialogue, DialogueSet } from '../core/dialogue.js';
import type { DialogueScoreRow } from '../measure/classifier-two-sample-test.js';
import { compareText } from '../measure/compare-text.js';

/** How many least and most realistic simulated dialogues report.html shows per comparison. */
export const REALISM_EXTREME_COUNT = 10;
/** Characters kept of one user turn's text in report.json's realismExtremes (the rest is cut, and marked so). */
export const EXTREME_TURN_CHARACTERS = 2000;
/** Characters kept of any other turn (chatbot answers are long and are context here, not the finding). */
export const EXTREME_OTHER_TURN_CHARACTERS = 500;

/** The characters kept of a turn of this role. */
export function extremeTurnLimit(role: string): number {
  return role === 'user' ? EXTREME_TURN_CHARACTERS : EXTREME_OTHER_TURN_CHARACTERS;
}
/** Turns kept of one dialogue in realismExtremes. */
export const EXTREME_DIALOGUE_TURNS = 40;

export interface RealismExtremeDialogue {
  set: string;
  dialogueId: string;
  scenarioId: string | null;
  domain: string;
  /** Out-of-fold P(real) from dialogueScores; null when the classifier did not score this dialogue. */
  realism: number | null;
  /** The first EXTREME_DIALOGUE_TURNS turns, each cut to extremeTurnLimit(role) characters. */
  turns: Array<{ role: string; text: string; cut: boolean }>;
  /** Turns left out beyond EXTREME_DIALOGUE_TURNS. */
  turnsLeftOut: number;
}

/** One of the least or most realistic simulated dialogues of a comparison, beside its paired real dialogue (schema ≥ 1.3). */
export interface RealismExtremeRow {
  real: string;
  simulated: string;
  which: 'least realistic' | 'most realistic';
  /** 1 = the least (or most) realistic. */
  rank: number;
  simulatedDialogue: RealismExtremeDialogue;
  /** The real dialogue of the same scenario (its pair when paired), or null when there is none. */
  pairedReal: RealismExtremeDialogue | null;
}

function excerptOf(set: string, dialogue: Dialogue, realism: number | null): RealismExtremeDialogue {
  return {
    set,
    dialogueId: dialogue.id,
    scenarioId: dialogue.scenarioId ?? null,
    domain: dialogue.domain,
    realism,
    turns: dialogue.turns.slice(0, EXTREME_DIALOGUE_TURNS).map((turn) => {
      const limit = extremeTurnLimit(turn.role);
      return { role: turn.role, text: turn.text.length > limit ? turn.text.slice(0, limit) : turn.text, cut: turn.text.length > limit };
    }),
    turnsLeftOut: Math.max(0, dialogue.turns.length - EXTREME_DIALOGUE_TURNS),
  };
}

/**
 * Per comparison, the REALISM_EXTREME_COUNT simulated dialogues with the lowest out-of-fold P(real) and,
 * from the rest, those with the highest (ties by dialogue id), each with its real counterpart: the paired
 * dialogue when the comparison is paired, else the first real dialogue (by id) of the same scenario.
 * Deterministic: no random choice.
 */
export function selectRealismExtremes(input: { dialogueScores: readonly DialogueScoreRow[]; sets: readonly DialogueSet[]; comparisons: ReadonlyArray<{ real: string; simulated: string }> }): RealismExtremeRow[] {
  const setByName = new Map(input.sets.map((set) => [set.name, set]));
  return input.comparisons.flatMap((comparison): RealismExtremeRow[] => {
    const realSet = setByName.get(comparison.real);
    const simulatedSet = setByName.get(comparison.simulated);
    if (!realSet || !simulatedSet) return [];
    const scores = input.dialogueScores.filter((row) => row.real === comparison.real && row.simulated === comparison.simulated);
    const realismOfReal = new Map(scores.filter((row) => row.kind === 'real').map((row) => [row.dialogueId, row.realism]));
    const realById = new Map(realSet.dialogues.map((dialogue) => [dialogue.id, dialogue]));
    const simulatedById = new Map(simulatedSet.dialogues.map((dialogue) => [dialogue.id, dialogue]));
    const realOfScenario = new Map<string, Dialogue>();
    for (const dialogue of [...realSet.dialogues].sort((a, b) => compareText(a.id, b.id))) {
      if (dialogue.scenarioId !== undefined && !realOfScenario.has(dialogue.scenarioId)) realOfScenario.set(dialogue.scenarioId, dialogue);
    }
    const simulated = scores.filter((row) => row.kind === 'simulated' && simulatedById.has(row.dialogueId));
    const ascending = [...simulated].sort((a, b) => a.realism - b.realism || compareText(a.dialogueId, b.dialogueId));
    const least = ascending.slice(0, REALISM_EXTREME_COUNT);
    const most = ascending.slice(REALISM_EXTREME_COUNT).reverse().sort((a, b) => b.realism - a.realism || compareText(a.dialogueId, b.dialogueId)).slice(0, REALISM_EXTREME_COUNT);
    const rowOf = (score: DialogueScoreRow, which: RealismExtremeRow['which'], rank: number): RealismExtremeRow => {
      const dialogue = simulatedById.get(score.dialogueId) as Dialogue;
      const counterpart =
        (score.pairedDialogueId === null ? undefined : realById.get(score.pairedDialogueId)) ??
        (dialogue.scenarioId === undefined ? undefined : realOfScenario.get(dialogue.scenarioId));
      return {
        real: comparison.real,
        simulated: comparison.simulated,
        which,
        rank,
        simulatedDialogue: excerptOf(comparison.simulated, dialogue, score.realism),
        pairedReal: counterpart === undefined ? null : excerptOf(comparison.real, counterpart, realismOfReal.get(counterpart.id) ?? null),
      };
    };
    return [...least.map((score, index) => rowOf(score, 'least realistic', index + 1)), ...most.map((score, index) => rowOf(score, 'most realistic', index + 1))];
  });
}
