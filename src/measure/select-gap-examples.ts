import type { Dialogue, DialogueSet } from '../core/dialogue.js';
import type { CategoricalMeasureDefinition, DimensionDefinition } from '../core/dimension.js';
import type { DistanceRow, DistributionRow } from '../core/report-rows.js';
import { compareText } from './compare-text.js';
import { deriveSeed } from './derive-seed.js';
import type { MeasuredDialogue, MeasuredSet } from './measured-set.js';
import { roundForReport } from './round-for-report.js';
import { createSeededRandom, randomIndex } from './seeded-random.js';

/** One user turn shown as an example. */
export interface GapExampleTurn {
  side: 'real' | 'simulated';
  set: string;
  dialogueId: string;
  domain: string;
  /** 1-based number among the dialogue's user turns. */
  userTurn: number;
  /** The turn's text, cut to the first `maxCharacters` characters (code points) plus "…" when longer. */
  text: string;
  truncated: boolean;
  /** Length of the full turn text, in characters (code points). */
  characters: number;
}

/** One row of report.json's examples table: a large categorical gap and turns that show its category. */
export interface GapExampleRow {
  real: string;
  simulated: string;
  /** "all", or the one domain whose gap this is (schema ≥ 1.3; absent = "all"): the turns then come from that domain. */
  domain?: string;
  /** 1 = largest distance above the noise floor in this comparison (and domain). */
  rank: number;
  dimension: string;
  measure: string;
  /** The distance row behind the gap (domain "all"), in its unit. */
  value: number;
  noiseFloor: number;
  unit: string;
  backend: string;
  /** The category whose share differs most between the sets (a category with ≥ 50% on both sides is passed over). */
  category: string;
  direction: 'over-produced' | 'under-produced';
  unitOfMass: string;
  realSharePercent: number;
  simulatedSharePercent: number;
  /**
   * "user turn": the annotator's per-turn detail says the turn carries the category; "dialogue": no
   * per-turn detail fits this measure, so the examples are the first non-empty user turn of dialogues
   * whose annotation carries the category.
   */
  matchedBy: 'user turn' | 'dialogue';
  /** How many turns (or dialogues) of each set carry the category; the examples are drawn from them. */
  realCandidates: number;
  simulatedCandidates: number;
  turns: GapExampleTurn[];
}

export interface SelectGapExamplesInput {
  comparisons: ReadonlyArray<{ real: string; simulated: string }>;
  distances: readonly DistanceRow[];
  distributions: readonly DistributionRow[];
  sets: readonly DialogueSet[];
  measuredSets: readonly MeasuredSet[];
  definitions: readonly DimensionDefinition[];
  seed: number;
  /** Gaps per comparison; default 3. */
  gapsPerComparison?: number;
  /** Example turns per side; default 2. */
  turnsPerSide?: number;
  /** Characters kept of each turn; default 400. */
  maxCharacters?: number;
}

/**
 * Examples behind the largest categorical gaps. Per comparison, the TVD rows over all domains are ranked
 * by distance − noise floor (only those above their floor); for each of the top ones the category with
 * the largest share difference is chosen (passing over a category that holds ≥ 50% on both sides, such
 * as "none": its change mirrors the others and its turns show nothing), and up to `turnsPerSide` real and simulated user turns that
 * carry it are drawn without replacement from a stream seeded by (seed, sets, measure, category, side).
 * Then, per single domain, its largest categorical gap with verdict "gap" gets the same treatment within that
 * domain (its shares, its dialogues; a stream seeded with the domain too), ranked 1.
 * Same inputs + seed → same examples.
 */
export function selectGapExamples(input: SelectGapExamplesInput): GapExampleRow[] {
  const gapsPerComparison = input.gapsPerComparison ?? 3;
  const turnsPerSide = input.turnsPerSide ?? 2;
  const maxCharacters = input.maxCharacters ?? 400;
  const dialogueSets = new Map(input.sets.map((set) => [set.name, set]));
  const measuredSets = new Map(input.measuredSets.map((set) => [set.name, set]));
  const rows: GapExampleRow[] = [];
  for (const comparison of input.comparisons) {
    const aboveFloor = (a: DistanceRow, b: DistanceRow): number =>
      (b.value as number) - (b.noiseFloor as number) - ((a.value as number) - (a.noiseFloor as number)) ||
      compareText(a.dimension, b.dimension) ||
      compareText(a.measure, b.measure);
    const candidates = input.distances.filter(
      (row) =>
        row.real === comparison.real &&
        row.simulated === comparison.simulated &&
        row.metric === 'tvd' &&
        row.value !== null &&
        row.noiseFloor !== null &&
        row.value > row.noiseFloor,
    );
    const overAllDomains = candidates.filter((row) => row.domain === 'all').sort(aboveFloor).slice(0, gapsPerComparison);
    // per single domain: its largest categorical gap with verdict "gap", domains in code-unit order
    const domains = [...new Set(candidates.filter((row) => row.domain !== 'all' && row.verdict === 'gap').map((row) => row.domain))].sort(compareText);
    const perDomain = domains.map((domain) => candidates.filter((row) => row.domain === domain && row.verdict === 'gap').sort(aboveFloor)[0] as DistanceRow);
    const gaps = [...overAllDomains, ...perDomain];
    gaps.forEach((gap, position) => {
      const index = gap.domain === 'all' ? position : 0;
      const inDomain = (dialogues: readonly MeasuredDialogue[]): MeasuredDialogue[] => (gap.domain === 'all' ? [...dialogues] : dialogues.filter((dialogue) => dialogue.domain === gap.domain));
      const definition = input.definitions.find((candidate) => candidate.id === gap.dimension);
      const measure = definition?.measures.find((candidate) => candidate.id === gap.measure);
      if (!definition || !measure || measure.scale !== 'categorical') return;
      const shift = largestShareDifference(input.distributions, comparison.real, comparison.simulated, gap.dimension, gap.measure, gap.domain);
      if (!shift) return;
      const sides = [
        { side: 'real' as const, set: comparison.real },
        { side: 'simulated' as const, set: comparison.simulated },
      ];
      const measuredOnBothSides = sides.map(({ set }) => inDomain(measuredSets.get(set)?.dialogues ?? []));
      const turnField = findTurnField(definition, measure, measuredOnBothSides.flat());
      const turns: GapExampleTurn[] = [];
      const candidateCounts: number[] = [];
      sides.forEach(({ side, set }, sideIndex) => {
        const measured = measuredOnBothSides[sideIndex] ?? [];
        const candidates =
          turnField === null
            ? dialogueCandidates(measured, definition.id, measure.id, shift.category, dialogueSets.get(set))
            : turnCandidates(measured, turnField, shift.category);
        candidateCounts.push(candidates.length);
        // the stream of the "all" examples is as before per-domain examples existed; a domain adds its name
        const streamKey = gap.domain === 'all' ? [comparison.real, comparison.simulated, gap.dimension, gap.measure, shift.category, side] : [comparison.real, comparison.simulated, gap.domain, gap.dimension, gap.measure, shift.category, side];
        const random = createSeededRandom(deriveSeed(input.seed, 'examples', ...streamKey));
        for (const candidate of drawWithoutReplacement(candidates, turnsPerSide, random)) {
          const dialogue = dialogueSets.get(set)?.dialogues.find((entry) => entry.id === candidate.dialogue.id);
          const text = dialogue ? userTurnText(dialogue, candidate.userTurn) : undefined;
          if (text === undefined) continue;
          const characters = Array.from(text);
          const truncated = characters.length > maxCharacters;
          turns.push({
            side,
            set,
            dialogueId: candidate.dialogue.id,
            domain: candidate.dialogue.domain,
            userTurn: candidate.userTurn,
            text: truncated ? `${characters.slice(0, maxCharacters).join('')}…` : text,
            truncated,
            characters: characters.length,
          });
        }
      });
      rows.push({
        real: comparison.real,
        simulated: comparison.simulated,
        domain: gap.domain,
        rank: index + 1,
        dimension: gap.dimension,
        measure: gap.measure,
        value: gap.value as number,
        noiseFloor: gap.noiseFloor as number,
        unit: gap.unit,
        backend: gap.backend,
        category: shift.category,
        direction: shift.simulatedShare > shift.realShare ? 'over-produced' : 'under-produced',
        unitOfMass: measure.unitOfMass,
        realSharePercent: shift.realShare,
        simulatedSharePercent: shift.simulatedShare,
        matchedBy: turnField === null ? 'dialogue' : 'user turn',
        realCandidates: candidateCounts[0] ?? 0,
        simulatedCandidates: candidateCounts[1] ?? 0,
        turns,
      });
    });
  }
  return rows;
}

function largestShareDifference(
  distributions: readonly DistributionRow[],
  real: string,
  simulated: string,
  dimension: string,
  measure: string,
  domain: string,
): { category: string; realShare: number; simulatedShare: number } | null {
  const shares = new Map<string, { real: number; simulated: number }>();
  for (const row of distributions) {
    if (row.domain !== domain || row.dimension !== dimension || row.measure !== measure) continue;
    if (row.set !== real && row.set !== simulated) continue;
    const entry = shares.get(row.category) ?? { real: 0, simulated: 0 };
    if (row.set === real) entry.real = row.sharePercent;
    else entry.simulated = row.sharePercent;
    shares.set(row.category, entry);
  }
  // A category holding most of the mass on both sides ("none", "neutral", "no_feedback") only mirrors
  // the changes of the others, and its turns show nothing; it is chosen only when nothing else differs.
  const dominant = (share: { real: number; simulated: number }) => share.real >= 50 && share.simulated >= 50;
  const informative = [...shares].filter(([, share]) => !dominant(share) && share.real !== share.simulated);
  let best: { category: string; realShare: number; simulatedShare: number } | null = null;
  for (const [category, share] of informative.length > 0 ? informative : [...shares]) {
    const difference = Math.abs(share.simulated - share.real);
    const bestDifference = best === null ? -1 : Math.abs(best.simulatedShare - best.realShare);
    if (difference > bestDifference || (difference === bestDifference && best !== null && compareText(category, best.category) < 0)) {
      best = { category, realShare: share.real, simulatedShare: share.simulated };
    }
  }
  return best === null ? null : { ...best, realShare: roundForReport(best.realShare) as number, simulatedShare: roundForReport(best.simulatedShare) as number };
}

/**
 * The field of the per-user-turn detail (DialogueAnnotation.userTurns) that lists a turn's categories of
 * this measure: the first of [measure id, dimension id] that, in every turn that has it, is a list of
 * strings drawn from the measure's categories (plus "none"). null when no field fits.
 */
function findTurnField(
  definition: DimensionDefinition,
  measure: CategoricalMeasureDefinition,
  dialogues: readonly MeasuredDialogue[],
): { dimension: string; field: string; includesNone: boolean } | null {
  const allowed = new Set([...measure.categories, 'none']);
  for (const field of [measure.id, definition.id]) {
    let seen = false;
    let fits = true;
    for (const dialogue of dialogues) {
      for (const turn of dialogue.annotations[definition.id]?.userTurns ?? []) {
        if (!(field in turn)) continue;
        const value = turn[field];
        seen = true;
        if (!Array.isArray(value) || !value.every((entry) => typeof entry === 'string' && allowed.has(entry))) fits = false;
      }
      if (!fits) break;
    }
    if (seen && fits) return { dimension: definition.id, field, includesNone: measure.includesNone };
  }
  return null;
}

interface Candidate {
  dialogue: MeasuredDialogue;
  userTurn: number;
}

function turnCandidates(
  dialogues: readonly MeasuredDialogue[],
  turnField: { dimension: string; field: string; includesNone: boolean },
  category: string,
): Candidate[] {
  const candidates: Candidate[] = [];
  for (const dialogue of dialogues) {
    (dialogue.annotations[turnField.dimension]?.userTurns ?? []).forEach((turn, index) => {
      const categories = turn[turnField.field];
      if (!Array.isArray(categories)) return;
      const carries = categories.includes(category) || (category === 'none' && turnField.includesNone && categories.length === 0);
      if (!carries) return;
      const number = typeof turn.turn === 'number' ? turn.turn : typeof turn.userTurn === 'number' ? turn.userTurn : index + 1;
      candidates.push({ dialogue, userTurn: number });
    });
  }
  return candidates;
}

function dialogueCandidates(
  dialogues: readonly MeasuredDialogue[],
  dimension: string,
  measure: string,
  category: string,
  set: DialogueSet | undefined,
): Candidate[] {
  const byId = new Map((set?.dialogues ?? []).map((dialogue) => [dialogue.id, dialogue]));
  const candidates: Candidate[] = [];
  for (const dialogue of dialogues) {
    if (!(dialogue.annotations[dimension]?.categorical[measure] ?? []).includes(category)) continue;
    const source = byId.get(dialogue.id);
    const userTexts = source ? source.turns.filter((turn) => turn.role === 'user').map((turn) => turn.text) : [];
    const firstNonEmpty = userTexts.findIndex((text) => text.trim().length > 0);
    candidates.push({ dialogue, userTurn: firstNonEmpty === -1 ? 1 : firstNonEmpty + 1 });
  }
  return candidates;
}

/**
 * Up to `count` candidates in a seeded random order (Fisher–Yates over a copy), preferring turns from
 * different dialogues: a second turn of an already chosen dialogue is taken only when no other is left.
 */
function drawWithoutReplacement(items: readonly Candidate[], count: number, random: () => number): Candidate[] {
  const pool = [...items];
  for (let index = pool.length - 1; index > 0; index -= 1) {
    const pick = randomIndex(random, index + 1);
    const kept = pool[index] as Candidate;
    pool[index] = pool[pick] as Candidate;
    pool[pick] = kept;
  }
  const chosenDialogues = new Set<string>();
  const drawn: Candidate[] = [];
  for (const candidate of pool) {
    if (drawn.length >= count) break;
    if (chosenDialogues.has(candidate.dialogue.id)) continue;
    chosenDialogues.add(candidate.dialogue.id);
    drawn.push(candidate);
  }
  for (const candidate of pool) {
    if (drawn.length >= count) break;
    if (!drawn.includes(candidate)) drawn.push(candidate);
  }
  return drawn;
}

function userTurnText(dialogue: Dialogue, userTurn: number): string | undefined {
  let seen = 0;
  for (const turn of dialogue.turns) {
    if (turn.role !== 'user') continue;
    seen += 1;
    if (seen === userTurn) return turn.text;
  }
  return undefined;
}
