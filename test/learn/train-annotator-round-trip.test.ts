import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { joinLabelsToDialogues } from '../../src/learn/labelled-dialogues.js';
import { createTrainedTurnScorer } from '../../src/learn/trained-turn-annotator.js';
import { readTurnClassifier } from '../../src/learn/turn-classifier-artifact.js';
import { parseReferenceLabels } from '../../src/measure/annotator-validity/read-reference-labels.js';
import { intentTurnSpec } from '../../dimensions/intent/trained-turn-spec.js';
import { dialogueFromUserTexts } from '../helpers/test-dialogue.js';

// Through the built binary (npm test builds dist/ first, in `pretest`).
const repositoryRoot = resolve(import.meta.dirname, '..', '..');
const binary = join(repositoryRoot, 'bin', 'realsim.js');
const workDirectory = mkdtempSync(join(tmpdir(), 'realsim-train-annotator-'));
afterAll(() => rmSync(workDirectory, { recursive: true, force: true }));

function realsim(...args: string[]) {
  return spawnSync(process.execPath, [binary, ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', CI: 'true' }, cwd: workDirectory });
}

/** 24 two-turn dialogues in 2 domains: "write …" turns are content_generation, "what is …" turns info_retrieval. */
const topics = ['rain', 'cats', 'paris', 'tea', 'jazz', 'snow', 'bread', 'chess', 'mars', 'roses', 'trains', 'owls'];
function fixture(): { dialogues: string; labels: string } {
  const dialogues: string[] = [];
  const labels: string[] = [];
  topics.forEach((topic, index) => {
    for (const domain of ['poetry', 'facts']) {
      const id = `${domain}-${index}`;
      const first = domain === 'poetry' ? `write a short poem about ${topic}` : `what is the history of ${topic}?`;
      const second = domain === 'poetry' ? `now write a song about ${topic} please` : `what is the origin of ${topic}?`;
      const tag = domain === 'poetry' ? 'content_generation' : 'info_retrieval';
      dialogues.push(JSON.stringify({ id, domain, messages: [{ role: 'user', content: first }, { role: 'assistant', content: `Here you go: ${topic}.` }, { role: 'user', content: second }, { role: 'assistant', content: 'Done.' }] }));
      const turn = (number: number) => ({ turn: number, intent: [tag], feedback: ['no_feedback'], identity: [], identity_quotes: [], emotion: 'neutral' });
      labels.push(JSON.stringify({ conversation_id: id, domain, turns: [turn(1), turn(2)] }));
    }
  });
  return { dialogues: `${dialogues.join('\n')}\n`, labels: `${labels.join('\n')}\n` };
}

describe('realsim train-annotator', () => {
  it('labels → model file → evaluate uses it (backend named, cross-fitted, annotator error beside the distance)', () => {
    const { dialogues, labels } = fixture();
    writeFileSync(join(workDirectory, 'dialogues.jsonl'), dialogues);
    writeFileSync(join(workDirectory, 'labels.jsonl'), labels);
    const trained = realsim('train-annotator', '--dimension', 'intent', '--dialogues', 'dialogues.jsonl', '--labels', 'labels.jsonl', '--out', 'intent-model.json', '--folds', '3', '--min-df', '1');
    expect(trained.stderr).not.toContain('internal error');
    expect(trained.status, trained.stderr).toBe(0);
    expect(trained.stdout).toContain('wrote intent-model.json; use it with --option intent.model=intent-model.json');
    expect(trained.stdout).toMatch(/cross-validated \(3 folds grouped by dialogue\): 48 turns, micro-F1 1\.000/);
    expect(trained.stdout).toMatch(/leave-one-domain-out \(2 domains\): 48 turns/);

    const model = readTurnClassifier(join(workDirectory, 'intent-model.json'), 'intent');
    expect(model.artifact.data).toMatchObject({ dialogues: 24, turns: 48, labelSource: 'labels labels.jsonl' });
    expect(model.artifact.folds).toHaveLength(3);
    expect(model.artifact.foldDialogueKeys.flat()).toHaveLength(24);
    // every cross-validated prediction was right: the distribution error is 0
    expect(model.artifact.quality.crossValidation.distributionTvd).toEqual({ intent: 0, request_presence: 0 });

    // a training dialogue is tagged by the fold model that did not see it; a new dialogue by all three
    const records = parseReferenceLabels(labels, 'labels.jsonl');
    const scorer = createTrainedTurnScorer(intentTurnSpec, model);
    const set = dialogues.trim().split('\n').map((line) => {
      const record = JSON.parse(line) as { id: string; domain: string; messages: Array<{ role: 'user' | 'assistant'; content: string }> };
      return { id: record.id, source: 'real', domain: record.domain, turns: record.messages.map((message) => ({ role: message.role, text: message.content })), aside: [], origin: { file: 'dialogues.jsonl', format: 'openai-chat' } };
    });
    const joined = joinLabelsToDialogues(records, set, (_record, dialogue) => dialogue.domain);
    const seen = scorer.tagDialogue(joined[0]!.dialogue);
    expect(seen.crossFitted).toBe(true);
    expect(seen.tags).toEqual([['content_generation'], ['content_generation']]);
    const unseen = scorer.tagDialogue(dialogueFromUserTexts('new', ['write a short poem about wolves', 'what is the history of wolves?']));
    expect(unseen.crossFitted).toBe(false);
    expect(unseen.tags).toEqual([['content_generation'], ['info_retrieval']]);

    const evaluated = realsim('evaluate', '--real', 'dialogues.jsonl', '--sim', 'sim=dialogues.jsonl', '--dimensions', 'intent', '--option', 'intent.model=intent-model.json', '--no-cache', '--out', 'report');
    expect(evaluated.stderr).not.toContain('internal error');
    expect(evaluated.status, evaluated.stderr).toBe(0);
    expect(evaluated.stderr).toContain('intent: 48 of 48 dialogues are in the model');
    const report = JSON.parse(readFileSync(join(workDirectory, 'report', 'report.json'), 'utf8')) as {
      dimensions: Array<{ id: string; backend: string }>;
      distances: Array<{ measure: string; domain: string; annotatorErrorTvd?: number; annotatorErrorSource?: string }>;
    };
    expect(report.dimensions.find((dimension) => dimension.id === 'intent')?.backend).toMatch(/^intent-trained@1 .*trained on labels labels\.jsonl\) \[model [0-9a-f]{12}\]$/);
    const row = report.distances.find((distance) => distance.measure === 'intent' && distance.domain === 'all');
    expect(row?.annotatorErrorTvd).toBe(0);
    expect(row?.annotatorErrorSource).toBe('cross-validated on 48 labelled turns (3 folds grouped by dialogue)');
    expect(readFileSync(join(workDirectory, 'report', 'report.md'), 'utf8')).toContain('annotator error');
  });

  it('refuses a dimension without a trained backend, and labels and an llm cache together', () => {
    const length = realsim('train-annotator', '--dimension', 'length', '--dialogues', 'dialogues.jsonl', '--labels', 'labels.jsonl', '--out', 'x.json');
    expect(length.status).toBe(1);
    expect(length.stderr.trim()).toBe('realsim: --dimension: expected a dimension with a trained backend ("intent", "feedback", "identity"), found "length"');
    const both = realsim('train-annotator', '--dimension', 'intent', '--dialogues', 'dialogues.jsonl', '--out', 'x.json');
    expect(both.status).toBe(1);
    expect(both.stderr.trim()).toBe('realsim: train-annotator: expected exactly one of --labels <file> or --from-llm-cache <dir>, found neither');
  });
});
