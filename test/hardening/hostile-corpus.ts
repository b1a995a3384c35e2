import { readdirSync } from 'node:fs';
import { join } from 'node:path';

/** One file of the hostile-input corpus and the realsim command line that feeds it in. */
export interface HostileCase {
  /** Path relative to the repository root. */
  file: string;
  args: (outputFolder: string) => string[];
}

const GOOD_DIALOGUES = 'test/fixtures/good/openai.jsonl';
/** The local dimensions that read every user turn's text; the slow model-backed ones have their own long-input test. */
export const WALK_DIMENSIONS = 'length,intent,feedback,identity,linguistic';

function evaluateWith(inputArgs: string[]): (out: string) => string[] {
  return (out) => ['evaluate', ...inputArgs, '--dimensions', WALK_DIMENSIONS, '--no-cache', '--resamples', '1000', '--noise-floor-splits', '3', '--out', out];
}

function listFiles(folder: string, root: string): string[] {
  return readdirSync(join(root, folder))
    .filter((name) => !name.startsWith('.'))
    .sort()
    .map((name) => `${folder}/${name}`);
}

/**
 * Every file under test/fixtures/bad and test/fixtures/hostile, with the command that reads it: dialogue
 * files as --real (beside a good simulated set), pair files as --pairs, domain maps as --domain-map,
 * label files through `validate`.
 */
export function listHostileCases(root: string): HostileCase[] {
  const cases: HostileCase[] = [];
  for (const file of listFiles('test/fixtures/bad', root)) {
    const name = file.split('/').pop() ?? '';
    if (name.startsWith('pair-')) cases.push({ file, args: evaluateWith(['--pairs', file]) });
    else if (name.startsWith('domain-map-')) cases.push({ file, args: evaluateWith(['--real', GOOD_DIALOGUES, '--sim', `sim=${GOOD_DIALOGUES}`, '--domain-map', file]) });
    else cases.push({ file, args: evaluateWith(['--real', file, '--sim', `sim=${GOOD_DIALOGUES}`]) });
  }
  for (const file of listFiles('test/fixtures/hostile/real', root)) cases.push({ file, args: evaluateWith(['--real', file, '--sim', `sim=${GOOD_DIALOGUES}`]) });
  for (const file of listFiles('test/fixtures/hostile/pairs', root)) cases.push({ file, args: evaluateWith(['--pairs', file]) });
  for (const file of listFiles('test/fixtures/hostile/domain-map', root)) {
    cases.push({ file, args: evaluateWith(['--real', GOOD_DIALOGUES, '--sim', `sim=${GOOD_DIALOGUES}`, '--domain-map', file]) });
  }
  for (const file of listFiles('test/fixtures/hostile/labels', root)) {
    if (file.endsWith('/dialogues.jsonl')) continue;
    cases.push({ file, args: () => ['validate', '--dialogues', 'test/fixtures/hostile/labels/dialogues.jsonl', '--labels', file, '--dimension', 'intent,feedback,identity', '--no-cache'] });
  }
  return cases;
}
