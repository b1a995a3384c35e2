/**
 * Trains the default intent, feedback, identity and emotion annotators (backend "trained") from the labelled user
 * turns in ../shared/datasets/reference-labels/train.jsonl and writes dimensions/<id>/model/<id>-classifier.json.gz
 * with each model's measured quality (cross-validated, leave-one-domain-out, dev, gap fidelity).
 *
 *   npm run train:annotators [-- --dimensions intent,feedback,identity,emotion]
 *
 * Deterministic: the same data and settings give the same file byte for byte. The labels are this project's
 * own and not public, so a user's machine cannot retrain these three; `realsim train-annotator` trains the
 * same model on a user's own labels.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { projectRoot } from '../src/core/project-root.js';
import { RealsimError } from '../src/core/realsim-error.js';
import { joinLabelsToDialogues } from '../src/learn/labelled-dialogues.js';
import { trainTurnClassifierArtifact } from '../src/learn/train-turn-classifier-artifact.js';
import { loadDialogueSet } from '../src/load/load-dialogue-set.js';
import { loadDomainMap } from '../src/load/load-domain-map.js';
import { loadPairFile } from '../src/load/load-pair-file.js';
import { readReferenceLabels } from '../src/measure/annotator-validity/read-reference-labels.js';
import { DEFAULT_TURN_CLASSIFIER_SETTINGS, defaultTrainedModelPath, trainedBackendName } from '../src/learn/trained-turn-classifier-defaults.js';
import { intentTurnSpec } from '../dimensions/intent/trained-turn-spec.js';
import { feedbackTurnSpec } from '../dimensions/feedback/trained-turn-spec.js';
import { identityTurnSpec } from '../dimensions/identity/trained-turn-spec.js';
import { emotionTrainedBackendName, emotionTurnSpec } from '../dimensions/emotion/trained-turn-spec.js';

const trainedTurnSpecs = { intent: intentTurnSpec, feedback: feedbackTurnSpec, identity: identityTurnSpec, emotion: emotionTurnSpec };

const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { dimensions: { type: 'string' }, 'shared-datasets': { type: 'string' } } });
  const root = projectRoot();
  const shared = resolve(values['shared-datasets'] ?? process.env.REALSIM_SHARED_DATASETS ?? join(root, '..', 'shared', 'datasets'));
  const realFolder = join(shared, 'realsim', 'real_dialogues');
  const pairFile = join(shared, 'mirrorbench', 'pairs.jsonl');
  const trainFile = join(shared, 'reference-labels', 'train.jsonl');
  const devFile = join(shared, 'reference-labels', 'dev.jsonl');
  const domainMap = await loadDomainMap(join(root, 'datasets', 'realsim-domains.json'));
  const real = await loadDialogueSet([realFolder], { name: 'real', kind: 'real', domainMap });
  const pairs = await loadPairFile(pairFile, {});
  const dialogues = [...real.dialogues, ...pairs.real.dialogues, ...pairs.simulated.dialogues];
  const domainOf = (record: { locator?: { kind: string } }, dialogue: { domain: string }) => (record.locator?.kind === 'pair-side' ? 'mirrorbench' : dialogue.domain);
  const labelled = joinLabelsToDialogues(readReferenceLabels(trainFile), dialogues, domainOf);
  const dev = joinLabelsToDialogues(readReferenceLabels(devFile), real.dialogues, domainOf);
  const wanted = (values.dimensions ?? 'intent,feedback,identity,emotion').split(',').map((id) => id.trim());
  for (const id of wanted) {
    const spec = trainedTurnSpecs[id as keyof typeof trainedTurnSpecs];
    if (!spec) throw new RealsimError('USAGE', `--dimensions: expected intent, feedback, identity or emotion, found "${id}"`);
    const started = process.hrtime.bigint();
    const artifact = trainTurnClassifierArtifact({
      spec,
      labelled,
      dev,
      settings: DEFAULT_TURN_CLASSIFIER_SETTINGS,
      folds: 5,
      backend: id === 'emotion' ? emotionTrainedBackendName : trainedBackendName(id),
      data: {
        files: [
          { file: relative(shared, trainFile), sha256: sha256(trainFile) },
          ...real.fingerprints.map((print) => ({ file: relative(shared, print.path), sha256: print.sha256 })),
          { file: relative(shared, pairFile), sha256: sha256(pairFile) },
        ],
        dialogues: labelled.length,
        turns: labelled.reduce((sum, entry) => sum + entry.labels.size, 0),
        labelSource: 'reference-labels/train.jsonl (LLM annotators following GUIDE.md, turn by turn)',
      },
      trainingCommand: 'npm run train:annotators',
      log: (line) => process.stderr.write(`${line}\n`),
    });
    const out = defaultTrainedModelPath(id);
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, gzipSync(Buffer.from(`${JSON.stringify(artifact, null, 1)}\n`), { level: 9 }));
    const q = artifact.quality;
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    process.stderr.write(
      `${id}: cv micro ${q.crossValidation.microF1} macro ${q.crossValidation.macroF1}${q.crossValidation.anyDisclosureF1 !== undefined ? ` any ${q.crossValidation.anyDisclosureF1}` : ''}; ` +
        `lodo micro ${q.leaveOneDomainOut?.microF1} macro ${q.leaveOneDomainOut?.macroF1}${q.leaveOneDomainOut?.anyDisclosureF1 !== undefined ? ` any ${q.leaveOneDomainOut.anyDisclosureF1}` : ''}; ` +
        `dev micro ${q.dev?.microF1} macro ${q.dev?.macroF1}; rules micro ${q.rulesOnTrainingTurns.microF1} macro ${q.rulesOnTrainingTurns.macroF1}; ${seconds.toFixed(0)} s → ${relative(root, out)}\n`,
    );
  }
}

await main();
