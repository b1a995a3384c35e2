import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { makeFolder, withFileSystemErrors } from '../core/file-system-error.js';
import { dirname } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Command } from 'commander';
import type { Dialogue } from '../core/dialogue.js';
import { RealsimError, quoteForMessage } from '../core/realsim-error.js';
import { createDiskCache } from '../annotate/annotation-cache.js';
import { listDimensionIds, loadDimension } from '../annotate/dimension-registry.js';
import { joinLabelsToDialogues, type LabelledDialogue } from '../learn/labelled-dialogues.js';
import { trainTurnClassifierArtifact } from '../learn/train-turn-classifier-artifact.js';
import { DEFAULT_TURN_CLASSIFIER_SETTINGS, trainedBackendName } from '../learn/trained-turn-classifier-defaults.js';
import type { TurnClassifierSettings } from '../learn/fit-turn-classifier.js';
import { loadDialogueSet } from '../load/load-dialogue-set.js';
import { readReferenceLabels, type LabelTurn } from '../measure/annotator-validity/read-reference-labels.js';
import { parseKeyValueOptions } from './parse-set-specifications.js';
import { createStderrProgress } from './progress-reporter.js';
import { describeTrainedModel } from '../learn/describe-trained-model.js';

const collect = (value: string, previous: string[]) => [...previous, value];

function positiveInteger(name: string, value: string | undefined, fallback: number, minimum: number): number {
  if (value === undefined) return fallback;
  const parsed = /^\d+$/.test(value.trim()) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(parsed) || parsed < minimum) throw new RealsimError('USAGE', `--${name}: expected an integer ≥ ${minimum}, found ${quoteForMessage(value)}`);
  return parsed;
}

/** A labelled turn built from another annotator's tags (only the trained dimension's field is filled in). */
function labelTurnFromTags(dimension: string, turn: number, tags: string[]): LabelTurn {
  return {
    turn,
    intent: dimension === 'intent' ? tags : [],
    feedback: dimension === 'feedback' ? tags : [],
    identity: dimension === 'identity' ? tags : [],
    identityQuotes: [],
    emotion: 'neutral',
  };
}

/**
 * Labels from the llm backend's answers (read from the annotation cache of an earlier run; a dialogue the
 * cache lacks is asked to the endpoint, bounded by --option llm.max-requests): each dialogue is its own group.
 */
async function labelsFromLlm(dimension: string, dialogues: Dialogue[], cacheDirectory: string, options: Record<string, string>): Promise<LabelledDialogue[]> {
  const module = await loadDimension(dimension);
  const annotator = await module.createAnnotator('llm', options);
  const progress = createStderrProgress();
  const annotations = await annotator.annotate(dialogues, { cache: createDiskCache(cacheDirectory), progress, options });
  await annotator.dispose?.();
  return annotations.map((annotation, index) => {
    const dialogue = dialogues[index] as Dialogue;
    const labels = new Map<number, LabelTurn>();
    for (const entry of annotation.userTurns ?? []) {
      const tags = entry[dimension];
      if (typeof entry.turn === 'number' && Array.isArray(tags)) labels.set(entry.turn, labelTurnFromTags(dimension, entry.turn, tags as string[]));
    }
    return { key: dialogue.id, domain: dialogue.domain, group: `dialogue:${dialogue.id}`, dialogue, labels };
  });
}

export interface TrainAnnotatorOptions {
  dimension: string;
  dialogues: string[];
  labels?: string;
  fromLlmCache?: string;
  out: string;
  folds?: string;
  minDf?: string;
  seed?: string;
  option: string[];
}

/** `realsim train-annotator`: the trainer of the default models, on a user's labels or an llm backend's answers. */
export async function trainAnnotator(options: TrainAnnotatorOptions): Promise<string> {
  const known = listDimensionIds();
  if (!known.includes(options.dimension)) {
    throw new RealsimError('USAGE', `--dimension: expected one of ${known.map((id) => `"${id}"`).join(', ')}, found ${quoteForMessage(options.dimension)}`);
  }
  const module = await loadDimension(options.dimension);
  const spec = module.turnLabelSpec;
  if (!spec) {
    const trainable = [];
    for (const id of known) if ((await loadDimension(id)).turnLabelSpec) trainable.push(id);
    throw new RealsimError('USAGE', `--dimension: expected a dimension with a trained backend (${trainable.map((id) => `"${id}"`).join(', ')}), found ${quoteForMessage(options.dimension)}`);
  }
  if ((options.labels === undefined) === (options.fromLlmCache === undefined)) {
    throw new RealsimError('USAGE', 'train-annotator: expected exactly one of --labels <file> or --from-llm-cache <dir>, found ' + (options.labels === undefined ? 'neither' : 'both'));
  }
  const set = await loadDialogueSet(options.dialogues, { name: 'labelled', kind: 'real' });
  const labelled = options.labels
    ? joinLabelsToDialogues(readReferenceLabels(options.labels), set.dialogues, (_record, dialogue) => dialogue.domain)
    : await labelsFromLlm(options.dimension, set.dialogues, options.fromLlmCache as string, parseKeyValueOptions(options.option, '--option'));
  const groups = new Set(labelled.map((entry) => entry.group)).size;
  const folds = positiveInteger('folds', options.folds, Math.min(5, groups), 2);
  if (groups < folds) throw new RealsimError('USAGE', `--folds: expected at most one fold per labelled dialogue (${groups}), found ${folds}`);
  const settings: TurnClassifierSettings = {
    ...DEFAULT_TURN_CLASSIFIER_SETTINGS,
    training: { ...DEFAULT_TURN_CLASSIFIER_SETTINGS.training, seed: positiveInteger('seed', options.seed, DEFAULT_TURN_CLASSIFIER_SETTINGS.training.seed, 0) },
    thresholdFolds: Math.min(DEFAULT_TURN_CLASSIFIER_SETTINGS.thresholdFolds, Math.max(2, folds - 1)),
    minimumDocumentFrequency: positiveInteger('min-df', options.minDf, DEFAULT_TURN_CLASSIFIER_SETTINGS.minimumDocumentFrequency, 1),
  };
  const source = options.labels ? `labels ${options.labels}` : `llm answers cached in ${options.fromLlmCache}`;
  const labelFile = options.labels ? [{ file: options.labels, sha256: createHash('sha256').update(readFileSync(options.labels)).digest('hex') }] : [];
  const artifact = trainTurnClassifierArtifact({
    spec,
    labelled,
    settings,
    folds,
    backend: trainedBackendName(options.dimension, source),
    data: {
      files: [...labelFile, ...set.fingerprints.map((print) => ({ file: print.path, sha256: print.sha256 }))],
      dialogues: labelled.length,
      turns: labelled.reduce((sum, entry) => sum + entry.labels.size, 0),
      labelSource: source,
    },
    trainingCommand: `realsim train-annotator --dimension ${options.dimension}`,
    log: (line) => process.stderr.write(`realsim ${line}\n`),
  });
  makeFolder(dirname(options.out), '--out folder');
  const text = `${JSON.stringify(artifact, null, 1)}\n`;
  withFileSystemErrors('--out file', () => writeFileSync(options.out, options.out.endsWith('.gz') ? gzipSync(Buffer.from(text), { level: 9 }) : text));
  return [`wrote ${options.out}; use it with --option ${options.dimension}.model=${options.out}`, ...describeTrainedModel(options.dimension, { [`${options.dimension}.model`]: options.out }).slice(1)].join('\n');
}

export function registerTrainAnnotatorCommand(program: Command): void {
  program
    .command('train-annotator')
    .description('train a local annotator (the "trained" backend) on your own labels or on cached llm answers, with cross-validated quality')
    .requiredOption('--dimension <id>', 'intent, feedback or identity')
    .requiredOption('--dialogues <path...>', 'the labelled dialogues (file or folder)')
    .option('--labels <file>', 'labels in the reference-labels JSONL format')
    .option('--from-llm-cache <dir>', 'learn from the llm backend\'s answers in this annotation cache (an earlier run with --backend <dimension>=llm)')
    .requiredOption('--out <file>', 'the model file to write (.json, or .json.gz compressed)')
    .option('--folds <n>', 'cross-validation folds, which are also the cross-fitting models (default 5)')
    .option('--min-df <n>', `keep a feature when at least n training turns have it (default ${DEFAULT_TURN_CLASSIFIER_SETTINGS.minimumDocumentFrequency})`)
    .option('--seed <n>', 'seed of the training shuffle and the folds')
    .option('--option <key=value>', 'llm backend option for --from-llm-cache (repeatable)', collect, [])
    .action(async (options: TrainAnnotatorOptions) => {
      process.stdout.write(`${await trainAnnotator(options)}\n`);
    });
}
