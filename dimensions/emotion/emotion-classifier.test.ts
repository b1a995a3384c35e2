import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createMemoryCache } from '../../src/annotate/annotation-cache.js';
import { silentProgress } from '../../src/cli/progress-reporter.js';
import { defaultEmotionClassifierPaths, readEmotionClassifier } from './emotion-classifier-artifact.js';
import { communicativeActGoEmotions, ekmanClassByGoEmotionsId, type EmotionLabel } from './emotion-labels.js';
import { dimension } from './index.js';
import { createLinearEmotionClassifier } from './linear-emotion-classifier.js';
import { readRealsimRealDialogues, readReferenceTurnEmotions } from './realsim-reference-dialogues.js';
import type { UserTurnEmotionDetail } from './sentence-emotion-annotator.js';
import { defaultEmotionTrainingSettings } from './training/default-emotion-training-settings.js';
import { parseGoEmotionsTsv, type GoEmotionsRow } from './training/parse-emotion-training-tsv.js';
import { trainEmotionClassifierArtifact, type EmotionTrainingSettings } from './training/train-emotion-classifier-artifact.js';

const repoRoot = resolve(fileURLToPath(import.meta.url), '../../..');
// Tests below marked "needs ../shared" read the development datasets, which a user's machine lacks.
const sharedDatasets = process.env.REALSIM_SHARED_DATASETS ?? resolve(repoRoot, '../shared/datasets');
const goEmotionsDirectory = join(sharedDatasets, 'goemotions');
const artifactPath = defaultEmotionClassifierPaths()[0] as string;

describe('committed emotion classifier artifact', () => {
  const decoded = readEmotionClassifier();
  const classifier = createLinearEmotionClassifier(decoded);

  it('is small and records how it was made', () => {
    expect(statSync(artifactPath).size).toBeLessThanOrEqual(5 * 1024 * 1024);
    const { artifact } = decoded;
    expect(artifact.trainingScript).toBe('scripts/train-emotion-classifier.ts');
    expect(artifact.seed).toBe(defaultEmotionTrainingSettings.seed);
    expect(artifact.labels).toEqual(['anger', 'disgust', 'fear', 'joy', 'sadness', 'surprise', 'neutral']);
    expect(artifact.data.train?.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(artifact.hyperParameters.neutralisedGoEmotions).toEqual([...communicativeActGoEmotions]);
    expect(artifact.temperature).toBeGreaterThan(0);
  });

  it('beats both baselines on goemotions test and is calibrated at 0.75', () => {
    const { test, testOfficialMapping } = decoded.artifact.metrics;
    expect(test.classifier.macroF1).toBeGreaterThanOrEqual(0.5);
    expect(test.classifier.accuracy).toBeGreaterThanOrEqual(0.6);
    expect(test.classifier.macroF1).toBeGreaterThan(test.lexiconBaseline.macroF1 + 0.1);
    expect(test.classifier.accuracy).toBeGreaterThan(test.majorityBaseline.accuracy + 0.2);
    expect(test.calibration.confidentAccuracy).toBeGreaterThanOrEqual(0.75);
    expect(test.calibration.confidentEmotionAccuracy).toBeGreaterThanOrEqual(0.75);
    expect(testOfficialMapping.classifier.macroF1).toBeGreaterThanOrEqual(0.5);
  });

  it('classifies obvious sentences', () => {
    const expectations: Array<[string, EmotionLabel]> = [
      ['I am so angry about this!', 'anger'],
      ['I hate you', 'anger'],
      ['This is disgusting.', 'disgust'],
      ["I'm scared.", 'fear'],
      ['I am terrified of what will happen tomorrow.', 'fear'],
      ['I am so happy for you!', 'joy'],
      ['I feel so sad and lonely.', 'sadness'],
      ['Oh wow!', 'surprise'],
      ['What is the capital of France?', 'neutral'],
      ['yes', 'neutral'],
    ];
    for (const [sentence, label] of expectations) {
      const prediction = classifier.predict(sentence);
      expect([sentence, prediction.label]).toEqual([sentence, label]);
      expect(prediction.confidence).toBeGreaterThanOrEqual(0.75);
    }
  });
});

describe('training is reproducible', () => {
  const labels: EmotionLabel[] = ['anger', 'disgust', 'fear', 'joy', 'sadness', 'surprise', 'neutral'];
  const phrases = ['furious at you', 'that is gross', 'so scared now', 'so happy today', 'i feel so sad', 'wow no way', 'send the file'];
  const rows: GoEmotionsRow[] = labels.flatMap((label, index) =>
    [1, 2, 3].map((variant) => ({
      text: `${phrases[index]} ${'!'.repeat(variant)}`,
      officialClasses: [label],
      trainingClasses: [label],
    })),
  );
  const settings: EmotionTrainingSettings = { ...defaultEmotionTrainingSettings, bucketCount: 1024, epochs: 3 };
  const train = (seed: number) =>
    JSON.stringify(
      trainEmotionClassifierArtifact({
        train: rows,
        dev: rows,
        test: rows,
        files: {
          train: { file: 'train', sha256: 'x' },
          dev: { file: 'dev', sha256: 'x' },
          test: { file: 'test', sha256: 'x' },
        },
        settings: { ...settings, seed },
        trainingScript: 'test',
        retrainCommand: 'test',
      }),
    );

  it('gives the same bytes for the same seed, other weights for another seed, and learns the toy data', () => {
    const first = train(7);
    expect(train(7)).toBe(first);
    expect(JSON.parse(train(8)).weightsBase64).not.toBe(JSON.parse(first).weightsBase64);
    // 21 distinct toy rows, each class's phrase unique to it: the model must fit them all
    expect(JSON.parse(first).metrics.test.classifier.accuracy).toBe(1);
  });

  // needs ../shared (GoEmotions); a user's machine lacks it
  describe.skipIf(!existsSync(goEmotionsDirectory))('on goemotions', () => {
    const read = (name: string) => readFileSync(join(goEmotionsDirectory, 'data', name));
    const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

    it('the committed artifact was trained on the goemotions files in ../shared', () => {
      const { data } = readEmotionClassifier().artifact;
      expect(data.train?.sha256).toBe(sha256(read('train.tsv')));
      expect(data.dev?.sha256).toBe(sha256(read('dev.tsv')));
      expect(data.test?.sha256).toBe(sha256(read('test.tsv')));
    });

    it('a retrain on a slice of train.tsv is identical twice', () => {
      const names = read('emotions.txt').toString('utf8').split('\n').filter((line) => line.trim().length > 0);
      const mapping = JSON.parse(read('ekman_mapping.json').toString('utf8')) as Record<string, string[]>;
      const official = ekmanClassByGoEmotionsId(names, mapping);
      const training = ekmanClassByGoEmotionsId(names, mapping, communicativeActGoEmotions);
      const allRows = parseGoEmotionsTsv(read('train.tsv').toString('utf8'), official, training, 'train.tsv');
      const slice = allRows.slice(0, 1500);
      const run = () =>
        JSON.stringify(
          trainEmotionClassifierArtifact({
            train: slice,
            dev: allRows.slice(1500, 1800),
            test: allRows.slice(1800, 2100),
            files: { train: { file: 't', sha256: 'x' }, dev: { file: 'd', sha256: 'x' }, test: { file: 't', sha256: 'x' } },
            settings: { ...defaultEmotionTrainingSettings, bucketCount: 4096, epochs: 1 },
            trainingScript: 'test',
            retrainCommand: 'test',
          }),
        );
      expect(run()).toBe(run());
    });
  });
});

const referenceLabels = join(sharedDatasets, 'reference-labels', 'dev.jsonl');
const realDialogues = join(sharedDatasets, 'realsim', 'real_dialogues');

// needs ../shared (hand-labelled reference turns and realsim dialogues); a user's machine lacks it
describe.skipIf(!existsSync(referenceLabels) || !existsSync(realDialogues))('reference labels (dev.jsonl)', () => {
  it('the share of all-neutral user turns is within 5 points of the labels', async () => {
    const references = readReferenceTurnEmotions(referenceLabels);
    const domainById = new Map(
      readFileSync(referenceLabels, 'utf8')
        .split('\n')
        .filter((line) => line.trim().length > 0)
        .map((line) => {
          const record = JSON.parse(line) as { conversation_id: string; domain: string };
          return [record.conversation_id, record.domain] as const;
        }),
    );
    // a conversation id can occur in two domain files; the label names the domain
    const dialogues = readRealsimRealDialogues(realDialogues).filter((dialogue) => domainById.get(dialogue.id) === dialogue.domain);
    const annotator = await dimension.createAnnotator('goemotions-linear', {});
    const annotations = await annotator.annotate(dialogues, { cache: createMemoryCache(), progress: silentProgress, options: {} });
    const turnsById = new Map(annotations.map((annotation) => [annotation.dialogueId, annotation.userTurns as unknown as UserTurnEmotionDetail[]]));
    const predictedNeutral = references.filter((reference) => turnsById.get(reference.conversationId)?.[reference.turn - 1]?.allNeutral).length;
    const labelledNeutral = references.filter((reference) => reference.emotion === 'neutral').length;
    expect(references).toHaveLength(215);
    // measured: 205/215 = 95.3 % predicted all-neutral vs 214/215 = 99.5 % labelled
    expect(Math.abs(predictedNeutral - labelledNeutral) / references.length).toBeLessThanOrEqual(0.05);
  });
});
