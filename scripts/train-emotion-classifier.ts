/**
 * Trains the default emotion classifier (dimension `emotion`, backend `goemotions-linear`) from
 * GoEmotions and writes dimensions/emotion/model/emotion-classifier.json.
 *
 *   npx tsc -p tsconfig.build.json && node dist/scripts/train-emotion-classifier.js
 *
 * Options: --data-dir <goemotions folder> (default $REALSIM_SHARED_DATASETS/goemotions or
 * ../shared/datasets/goemotions), --out <file>, --seed, --epochs, --buckets, --learning-rate, --l2,
 * --class-weighting none|inverse-frequency-sqrt, --multi-class-rows drop|duplicate, --neutralise <goemotions
 * labels trained as neutral, comma-separated, or none for the official mapping>, --limit <train rows>
 * (a quick run on the first rows). With the defaults the output is byte-for-byte the committed file.
 * Runs single-threaded in about a minute on a 2-core machine.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { RealsimError, quoteForMessage } from '../src/core/realsim-error.js';
import { ekmanClassByGoEmotionsId } from '../dimensions/emotion/emotion-labels.js';
import { parseGoEmotionsTsv } from '../dimensions/emotion/training/parse-emotion-training-tsv.js';
import {
  trainEmotionClassifierArtifact,
  type ClassWeighting,
  type MultiClassRowPolicy,
} from '../dimensions/emotion/training/train-emotion-classifier-artifact.js';
import { defaultEmotionTrainingSettings } from '../dimensions/emotion/training/default-emotion-training-settings.js';

function numberOption(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!Number.isFinite(parsed)) throw new RealsimError('USAGE', `--${name}: expected a number, found ${quoteForMessage(value)}`);
  return parsed;
}

function choiceOption<T extends string>(name: string, value: string | undefined, choices: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if (!(choices as readonly string[]).includes(value)) {
    throw new RealsimError('USAGE', `--${name}: expected one of ${choices.join(', ')}, found ${quoteForMessage(value)}`);
  }
  return value as T;
}

function main(): void {
  const { values } = parseArgs({
    options: {
      'data-dir': { type: 'string' },
      out: { type: 'string' },
      seed: { type: 'string' },
      epochs: { type: 'string' },
      buckets: { type: 'string' },
      'learning-rate': { type: 'string' },
      l2: { type: 'string' },
      'class-weighting': { type: 'string' },
      'multi-class-rows': { type: 'string' },
      limit: { type: 'string' },
      neutralise: { type: 'string' },
    },
  });
  const sharedDatasets = process.env.REALSIM_SHARED_DATASETS ?? resolve('../shared/datasets');
  const dataDirectory = resolve(values['data-dir'] ?? join(sharedDatasets, 'goemotions'));
  const outputFile = resolve(values.out ?? 'dimensions/emotion/model/emotion-classifier.json');
  const defaults = defaultEmotionTrainingSettings;
  const settings = {
    seed: numberOption('seed', values.seed, defaults.seed),
    epochs: numberOption('epochs', values.epochs, defaults.epochs),
    bucketCount: numberOption('buckets', values.buckets, defaults.bucketCount),
    learningRate: numberOption('learning-rate', values['learning-rate'], defaults.learningRate),
    l2Penalty: numberOption('l2', values.l2, defaults.l2Penalty),
    classWeighting: choiceOption<ClassWeighting>(
      'class-weighting',
      values['class-weighting'],
      ['none', 'inverse-frequency-sqrt'],
      defaults.classWeighting,
    ),
    multiClassRows: choiceOption<MultiClassRowPolicy>(
      'multi-class-rows',
      values['multi-class-rows'],
      ['drop', 'duplicate'],
      defaults.multiClassRows,
    ),
    neutralisedGoEmotions:
      values.neutralise === undefined
        ? defaults.neutralisedGoEmotions
        : values.neutralise === 'none'
          ? []
          : values.neutralise.split(',').map((name) => name.trim()),
    threshold: defaults.threshold,
  };
  if (!Number.isInteger(Math.log2(settings.bucketCount))) {
    throw new RealsimError('USAGE', `--buckets: expected a power of two, found ${quoteForMessage(settings.bucketCount)}`);
  }
  const readData = (name: string) => {
    const file = join(dataDirectory, 'data', name);
    if (!existsSync(file)) {
      throw new RealsimError('INPUT_NOT_FOUND', `goemotions: expected ${quoteForMessage(file, 200)}, found no such file; pass --data-dir`);
    }
    return readFileSync(file);
  };
  const goEmotionsNames = readData('emotions.txt')
    .toString('utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
  const ekmanMapping = JSON.parse(readData('ekman_mapping.json').toString('utf8')) as Record<string, string[]>;
  for (const name of settings.neutralisedGoEmotions) {
    if (!goEmotionsNames.includes(name)) {
      throw new RealsimError('USAGE', `--neutralise: expected goemotions labels (${goEmotionsNames.join(', ')}), found ${quoteForMessage(name)}`);
    }
  }
  const officialEkmanById = ekmanClassByGoEmotionsId(goEmotionsNames, ekmanMapping);
  const trainingEkmanById = ekmanClassByGoEmotionsId(goEmotionsNames, ekmanMapping, settings.neutralisedGoEmotions);
  const split = (name: 'train' | 'dev' | 'test') => {
    const bytes = readData(`${name}.tsv`);
    return {
      rows: parseGoEmotionsTsv(bytes.toString('utf8'), officialEkmanById, trainingEkmanById, `${name}.tsv`),
      file: { file: `goemotions/data/${name}.tsv`, sha256: createHash('sha256').update(bytes).digest('hex') },
    };
  };
  const train = split('train');
  const dev = split('dev');
  const test = split('test');
  const limit = values.limit === undefined ? undefined : numberOption('limit', values.limit, 0);
  const started = performance.now();
  const artifact = trainEmotionClassifierArtifact({
    train: limit === undefined ? train.rows : train.rows.slice(0, limit),
    dev: dev.rows,
    test: test.rows,
    files: { train: train.file, dev: dev.file, test: test.file },
    settings,
    trainingScript: 'scripts/train-emotion-classifier.ts',
    retrainCommand: 'npx tsc -p tsconfig.build.json && node dist/scripts/train-emotion-classifier.js',
  });
  mkdirSync(dirname(outputFile), { recursive: true });
  writeFileSync(outputFile, `${JSON.stringify(artifact, null, 1)}\n`);
  const { weightsBase64: _weights, bias: _bias, weightScales: _scales, ...header } = artifact;
  process.stderr.write(`${JSON.stringify(header.metrics, null, 1)}\n`);
  process.stderr.write(
    `temperature ${artifact.temperature}; trained in ${((performance.now() - started) / 1000).toFixed(1)} s; wrote ${outputFile}\n`,
  );
}

try {
  main();
} catch (error) {
  process.stderr.write(`train-emotion-classifier: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
