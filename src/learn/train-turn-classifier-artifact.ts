import { quantizeLinearModel, rowLookup, compactProbabilities, ensembleProbabilities, encodeVocabulary, interleavedWeights, unionVocabulary, type CompactLinearModel, type CompactTurnClassifier } from './compact-turn-classifier.js';
import { assignFolds, buildTurnExamples, fitTurnClassifier, type TurnClassifierSettings, type TurnExample } from './fit-turn-classifier.js';
import { dialogueContentKey, type LabelledDialogue } from './labelled-dialogues.js';
import { turnContextsOf } from './turn-context.js';
import { TURN_FEATURES_VERSION, turnFeatures } from './turn-features.js';
import { ruleCuesOf, type TurnLabelSpec } from './turn-label-spec.js';
import { TURN_CLASSIFIER_FORMAT, type GapFidelityRow, type TurnClassifierArtifact } from './turn-classifier-artifact.js';
import { occurrenceTvd, validityFigures, type ValidityFigures } from './validity-figures.js';

export interface TrainTurnClassifierInput {
  spec: TurnLabelSpec;
  labelled: readonly LabelledDialogue[];
  /** Labelled dialogues never trained on (dev), scored with the shipped ensemble; optional. */
  dev?: readonly LabelledDialogue[];
  settings: TurnClassifierSettings;
  folds: number;
  /** Backend name written into every report row. */
  backend: string;
  data: TurnClassifierArtifact['data'];
  trainingCommand: string;
  /** Progress lines (stderr). */
  log?: (line: string) => void;
}

/** Every labelled turn of the dialogues, learned or fixed, with its features (for scoring). */
interface ScoredTurn {
  example: TurnExample;
  learned: boolean;
}

function scoredTurns(labelled: readonly LabelledDialogue[], spec: TurnLabelSpec, settings: TurnClassifierSettings): ScoredTurn[] {
  const learned = new Set(buildTurnExamples(labelled, spec, settings.features).map((example) => `${example.dialogueIndex}:${example.context.turn}`));
  const turns: ScoredTurn[] = [];
  labelled.forEach((entry, dialogueIndex) => {
    for (const context of turnContextsOf(entry.dialogue, ruleCuesOf(spec, entry.dialogue))) {
      const label = entry.labels.get(context.turn);
      const gold = label ? spec.goldTags(label) : undefined;
      if (gold === undefined) continue;
      const example: TurnExample = { features: turnFeatures(context, settings.features), targets: spec.targets(gold), gold, context, dialogueIndex, group: entry.group, domain: entry.domain };
      turns.push({ example, learned: learned.has(`${dialogueIndex}:${context.turn}`) });
    }
  });
  return turns;
}

function figures(spec: TurnLabelSpec, pairs: Array<{ gold: readonly string[]; predicted: readonly string[] }>): ValidityFigures {
  return validityFigures(pairs, spec.tags, spec.turnMeasures, { anyDisclosure: spec.dimension === 'identity' });
}

/** A model fitted on some turns, quantised on its own vocabulary. */
interface QuantisedFold {
  vocabulary: Int32Array;
  model: CompactLinearModel;
}

function fitQuantised(turns: readonly ScoredTurn[], spec: TurnLabelSpec, settings: TurnClassifierSettings): QuantisedFold {
  const fitted = fitTurnClassifier(
    turns.filter((turn) => turn.learned).map((turn) => turn.example),
    spec,
    settings,
  );
  return { vocabulary: fitted.vocabulary, model: quantizeLinearModel(fitted, spec.outputs.length, fitted.vocabulary) };
}

function predictWith(fold: QuantisedFold, spec: TurnLabelSpec, settings: TurnClassifierSettings, turn: ScoredTurn): string[] {
  if (!turn.learned) return [...spec.fixedTags(turn.example.context)];
  const classifier: CompactTurnClassifier = { bits: settings.features.bits, outputCount: spec.outputs.length, vocabulary: fold.vocabulary, models: [fold.model] };
  const probabilities = compactProbabilities(classifier, rowLookup(classifier), fold.model, turn.example.features);
  return spec.decode(probabilities, fold.model.thresholds, turn.example.context);
}

/** Re-expresses a fold's int8 weights on the shared vocabulary (zero rows for buckets it never had). */
function onVocabulary(fold: QuantisedFold, vocabulary: Int32Array, outputCount: number): CompactLinearModel {
  const rowOf = new Map<number, number>();
  fold.vocabulary.forEach((bucket, row) => rowOf.set(bucket, row));
  const weights = new Int8Array(vocabulary.length * outputCount);
  vocabulary.forEach((bucket, row) => {
    const from = rowOf.get(bucket);
    if (from === undefined) return;
    for (let output = 0; output < outputCount; output += 1) weights[row * outputCount + output] = fold.model.weights[from * outputCount + output] as number;
  });
  return { ...fold.model, weights };
}

/** Real-vs-simulated TVD of each turn measure on the labelled pairs, from labels and from predictions. */
function gapFidelity(spec: TurnLabelSpec, labelled: readonly LabelledDialogue[], turns: readonly ScoredTurn[], predicted: readonly string[][]): GapFidelityRow[] {
  const pairSide = (entry: LabelledDialogue) => (/:(real|simulated)$/.exec(entry.key)?.[1] ?? undefined);
  const sides = { real: { gold: [] as string[][], predicted: [] as string[][] }, simulated: { gold: [] as string[][], predicted: [] as string[][] } };
  const pairs = new Set<string>();
  turns.forEach((turn, index) => {
    const entry = labelled[turn.example.dialogueIndex] as LabelledDialogue;
    const side = pairSide(entry);
    if (side !== 'real' && side !== 'simulated') return;
    pairs.add(entry.group);
    sides[side].gold.push([...turn.example.gold]);
    sides[side].predicted.push(predicted[index] as string[]);
  });
  if (sides.real.gold.length === 0 || sides.simulated.gold.length === 0) return [];
  const goldReal = spec.turnMeasures(sides.real.gold);
  const goldSimulated = spec.turnMeasures(sides.simulated.gold);
  const predictedReal = spec.turnMeasures(sides.real.predicted);
  const predictedSimulated = spec.turnMeasures(sides.simulated.predicted);
  return Object.keys(goldReal).flatMap((measure) => {
    const labelledTvd = occurrenceTvd(goldReal[measure] ?? [], goldSimulated[measure] ?? []);
    const measuredTvd = occurrenceTvd(predictedReal[measure] ?? [], predictedSimulated[measure] ?? []);
    if (labelledTvd === null || measuredTvd === null) return [];
    return [{ measure, pairs: pairs.size, labelledTvd, measuredTvd, difference: Number((measuredTvd - labelledTvd).toFixed(2)) }];
  });
}

/**
 * Trains the dimension's classifier and measures it honestly: k-fold cross-validation grouped by dialogue
 * (the fold models are the shipped models, so the cross-validated figures are the quality of the
 * cross-fitted annotation of the training dialogues themselves), leave-one-domain-out, the dev turns
 * (scored with the ensemble of the fold models, which annotates every dialogue not in training), the rule
 * backend on the same turns, and gap fidelity on labelled real/simulated pairs.
 */
export function trainTurnClassifierArtifact(input: TrainTurnClassifierInput): TurnClassifierArtifact {
  const { spec, labelled, settings } = input;
  const log = input.log ?? (() => undefined);
  const turns = scoredTurns(labelled, spec, settings);
  const outputCount = spec.outputs.length;

  const foldOfGroup = assignFolds(labelled.map((entry) => entry.group), input.folds, settings.training.seed);
  const crossValidated: string[][] = turns.map(() => []);
  const foldModels: QuantisedFold[] = [];
  for (let fold = 0; fold < input.folds; fold += 1) {
    const model = fitQuantised(turns.filter((turn) => foldOfGroup.get(turn.example.group) !== fold), spec, settings);
    foldModels.push(model);
    turns.forEach((turn, index) => {
      if (foldOfGroup.get(turn.example.group) === fold) crossValidated[index] = predictWith(model, spec, settings, turn);
    });
    log(`${spec.dimension}: fold ${fold + 1} of ${input.folds} trained`);
  }

  const domains = [...new Set(turns.map((turn) => turn.example.domain))].sort();
  const leftOut: string[][] = turns.map(() => []);
  for (const domain of domains.length >= 2 ? domains : []) {
    const model = fitQuantised(turns.filter((turn) => turn.example.domain !== domain), spec, settings);
    turns.forEach((turn, index) => {
      if (turn.example.domain === domain) leftOut[index] = predictWith(model, spec, settings, turn);
    });
    log(`${spec.dimension}: leave-one-domain-out, ${domain} predicted`);
  }

  const vocabulary = unionVocabulary(foldModels.map((fold) => fold.vocabulary));
  const models = foldModels.map((fold) => onVocabulary(fold, vocabulary, outputCount));
  const classifier: CompactTurnClassifier = { bits: settings.features.bits, outputCount, vocabulary, models };
  const rows = rowLookup(classifier);

  const pairsOf = (predicted: readonly string[][]) => turns.map((turn, index) => ({ gold: turn.example.gold, predicted: predicted[index] as string[] }));
  const ruleTagsByDialogue = new Map<number, string[][]>();
  const rulesPredicted = turns.map((turn) => {
    const index = turn.example.dialogueIndex;
    if (!ruleTagsByDialogue.has(index)) ruleTagsByDialogue.set(index, spec.ruleTags((labelled[index] as LabelledDialogue).dialogue));
    return ruleTagsByDialogue.get(index)?.[turn.example.context.turn - 1] ?? [];
  });
  const quality: TurnClassifierArtifact['quality'] = {
    crossValidation: { ...figures(spec, pairsOf(crossValidated)), folds: input.folds },
    ...(domains.length >= 2 ? { leaveOneDomainOut: { ...figures(spec, pairsOf(leftOut)), domains: domains.length } } : {}),
    rulesOnTrainingTurns: figures(spec, pairsOf(rulesPredicted)),
    gapFidelity: gapFidelity(spec, labelled, turns, crossValidated),
  };
  if (input.dev && input.dev.length > 0) {
    const devTurns = scoredTurns(input.dev, spec, settings);
    const interleaved = interleavedWeights(classifier);
    const devPairs = devTurns.map((turn) => {
      if (!turn.learned) return { gold: turn.example.gold, predicted: [...spec.fixedTags(turn.example.context)] };
      const { probabilities, thresholds } = ensembleProbabilities(classifier, rows, turn.example.features, interleaved);
      return { gold: turn.example.gold, predicted: spec.decode(probabilities, thresholds, turn.example.context) };
    });
    quality.dev = figures(spec, devPairs);
  }

  const foldDialogueKeys: string[][] = Array.from({ length: input.folds }, () => []);
  for (const entry of labelled) {
    const fold = foldOfGroup.get(entry.group) as number;
    foldDialogueKeys[fold]?.push(dialogueContentKey(entry.dialogue));
  }
  for (const keys of foldDialogueKeys) keys.sort();

  return {
    format: TURN_CLASSIFIER_FORMAT,
    dimension: spec.dimension,
    backend: input.backend,
    featureVersion: TURN_FEATURES_VERSION,
    trainingCommand: input.trainingCommand,
    settings: { ...settings, folds: input.folds, weightQuantization: 'int8, symmetric, one scale per output' },
    data: input.data,
    tags: [...spec.tags],
    outputs: [...spec.outputs],
    bits: settings.features.bits,
    vocabulary: encodeVocabulary(vocabulary),
    folds: models.map((model) => ({
      weights: Buffer.from(model.weights.buffer, model.weights.byteOffset, model.weights.byteLength).toString('base64'),
      scales: Array.from(model.scales),
      bias: Array.from(model.bias),
      thresholds: Array.from(model.thresholds),
    })),
    foldDialogueKeys,
    quality,
  };
}
