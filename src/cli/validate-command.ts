import type { Command } from 'commander';
import type { Dialogue } from '../core/dialogue.js';
import { RealsimError, quoteForMessage } from '../core/realsim-error.js';
import { createDiskCache, createMemoryCache } from '../annotate/annotation-cache.js';
import { chooseBackend } from '../annotate/annotate-sets.js';
import { listDimensionIds, loadDimension, loadDimensions } from '../annotate/dimension-registry.js';
import { checkRunSettings } from '../annotate/check-run-settings.js';
import { loadDialogueSet } from '../load/load-dialogue-set.js';
import {
  VALIDATED_DIMENSIONS,
  readReferenceLabels,
  validateDimension,
  validationSummary,
  type DimensionValidation,
  type LabelRecord,
  type ValidatedDimension,
} from '../measure/annotator-validity/index.js';
import { formatNumber } from '../report/render-markdown-report.js';
import { parseKeyValueOptions } from './parse-set-specifications.js';
import { createStderrProgress, type ProgressReporter } from './progress-reporter.js';
import type { AnnotationCache } from '../annotate/annotation-cache.js';

const collect = (value: string, previous: string[]) => [...previous, value];

/**
 * Finds the dialogue each label record names. The loader keeps every dialogue and makes ids unique
 * ("<file stem>/<id>" for ids in several files, "<id>#2" for repeats in one file), so a label's
 * conversation_id is matched against ids with those marks removed; among several candidates the one in the
 * label's domain with as many user turns as were labelled wins.
 */
export function matchLabelledDialogues(dialogues: readonly Dialogue[], labels: readonly LabelRecord[]): Dialogue[] {
  const matched: Dialogue[] = [];
  const rawId = (id: string) => id.replace(/^[^/]*\//, '').replace(/#\d+$/, '');
  const byRawId = new Map<string, Dialogue[]>();
  for (const dialogue of dialogues) {
    const key = rawId(dialogue.id);
    byRawId.set(key, [...(byRawId.get(key) ?? []), dialogue]);
  }
  for (const record of labels) {
    const candidates = byRawId.get(record.conversationId) ?? [];
    const labelledTurns = Math.max(0, ...record.turns.map((turn) => turn.turn));
    const userTurns = (dialogue: Dialogue) => dialogue.turns.filter((turn) => turn.role === 'user').length;
    // prefer the same domain, then a dialogue with exactly as many user turns as were labelled
    const score = (dialogue: Dialogue) =>
      (dialogue.domain === record.domain || dialogue.id.startsWith(`${record.domain}/`) ? 2 : 0) + (userTurns(dialogue) === labelledTurns ? 1 : 0);
    const best = [...candidates].sort((a, b) => score(b) - score(a))[0];
    if (best) matched.push({ ...best, id: record.conversationId });
  }
  return matched;
}

export async function validateDimensions(input: {
  dialogues: Dialogue[];
  labels: LabelRecord[];
  dimensions: ValidatedDimension[];
  backends: Record<string, string>;
  options: Record<string, string>;
  cache: AnnotationCache;
  progress: ProgressReporter;
}): Promise<Array<{ validation: DimensionValidation; backend: string }>> {
  checkRunSettings({ options: input.options, backends: input.backends }, await loadDimensions(listDimensionIds()));
  const matched = matchLabelledDialogues(input.dialogues, input.labels);
  const results: Array<{ validation: DimensionValidation; backend: string }> = [];
  for (const id of input.dimensions) {
    const module = await loadDimension(id);
    const annotator = await module.createAnnotator(chooseBackend(module, input.backends), input.options);
    try {
      const annotations = await annotator.annotate(matched, { cache: input.cache, progress: input.progress, options: input.options });
      results.push({
        validation: validateDimension({ dialogues: matched, labels: input.labels, dimension: id, annotations }),
        backend: annotator.backend,
      });
    } finally {
      await annotator.dispose?.();
    }
  }
  return results;
}

/** Pure: a validation as a plain-text table. */
export function renderValidation(validation: DimensionValidation, backend: string): string {
  const lines: string[] = [];
  lines.push(`${validation.dimension} — backend ${backend}; ${validation.matchedTurns} user turns in ${validation.matchedDialogues} dialogues`);
  lines.push(`  ${'tag'.padEnd(26)} ${'precision'.padStart(9)} ${'recall'.padStart(7)} ${'F1'.padStart(6)} ${'support'.padStart(8)}`);
  for (const [tag, score] of Object.entries(validation.score.perTag)) {
    lines.push(
      `  ${tag.padEnd(26)} ${formatNumber(score.precision, 3).padStart(9)} ${formatNumber(score.recall, 3).padStart(7)} ${formatNumber(score.f1, 3).padStart(6)} ${String(score.support).padStart(8)}`,
    );
  }
  const baseline = validation.majorityBaseline;
  lines.push(
    `  micro-F1 ${formatNumber(validation.score.microF1, 3)} (majority baseline ${formatNumber(baseline.score.microF1, 3)}, always [${baseline.tagSet.join(', ')}])`,
  );
  lines.push(`  macro-F1 ${formatNumber(validation.score.macroF1, 3)} (majority baseline ${formatNumber(baseline.score.macroF1, 3)})`);
  if (validation.anyDisclosure) {
    lines.push(
      `  any-disclosure F1 ${formatNumber(validation.anyDisclosure.annotator.f1, 3)} (majority baseline ${formatNumber(validation.anyDisclosure.majorityBaseline.f1, 3)})`,
    );
  }
  if (validation.neutralRate) {
    lines.push(
      `  all-neutral turns: labels ${formatNumber(validation.neutralRate.labels * 100, 1)}%, predicted ${formatNumber(validation.neutralRate.predicted * 100, 1)}%`,
    );
  }
  const confusion = validation.score.confusion.slice(0, 5);
  if (confusion.length > 0) {
    lines.push(`  most frequent confusions (gold → predicted): ${confusion.map((entry) => `${entry.gold} → ${entry.predicted} ×${entry.count}`).join('; ')}`);
  }
  const unmatched = validation.unmatched;
  const unmatchedCount = unmatched.labelDialoguesWithoutDialogue.length + unmatched.turns.length;
  if (unmatchedCount > 0) {
    lines.push(
      `  unmatched: ${unmatched.labelDialoguesWithoutDialogue.length} labelled dialogues not found, ${unmatched.turns.length} turns not scored`,
    );
  }
  return lines.join('\n');
}

export function parseValidatedDimensions(value: string | undefined): ValidatedDimension[] {
  if (value === undefined) return [...VALIDATED_DIMENSIONS];
  return value.split(',').map((id) => {
    const trimmed = id.trim();
    if (!(VALIDATED_DIMENSIONS as readonly string[]).includes(trimmed)) {
      throw new RealsimError(
        'USAGE',
        `--dimension: expected one of ${VALIDATED_DIMENSIONS.map((name) => `"${name}"`).join(', ')}, found ${quoteForMessage(trimmed)}`,
      );
    }
    return trimmed as ValidatedDimension;
  });
}

/**
 * A validation that scored no turn at all measures nothing: F1 0.000 would read as a result. It is an
 * error naming the labels file and why nothing matched (ids or turn numbers).
 */
export function refuseValidationWithoutMatches(validation: DimensionValidation, labelsFile: string, dialogueCount: number): void {
  if (validation.matchedTurns > 0) return;
  const { labelDialoguesWithoutDialogue, turns } = validation.unmatched;
  const firstMissing = labelDialoguesWithoutDialogue[0];
  const firstTurn = turns[0];
  let found: string;
  if (firstMissing !== undefined && turns.length === 0) {
    found = `none of its ${labelDialoguesWithoutDialogue.length} labelled dialogue ids among the ${dialogueCount} dialogues (first: ${quoteForMessage(firstMissing)}; ids must equal the dialogues' ids)`;
  } else if (firstTurn !== undefined) {
    found = `no scorable turn (${quoteForMessage(firstTurn.conversationId)} turn ${firstTurn.turn}: ${firstTurn.reason})`;
  } else {
    found = 'no labelled turns';
  }
  throw new RealsimError('INPUT_INVALID_RECORD', `${labelsFile}: expected ${validation.dimension} labels of user turns in the given dialogues, found ${found}`);
}

export function registerValidateCommand(program: Command): void {
  program
    .command('validate')
    .description('score annotators against hand labels (per-tag precision, recall, F1; micro/macro-F1; majority baseline)')
    .requiredOption('--dialogues <path...>', 'the labelled dialogues (file or folder)')
    .requiredOption('--labels <file>', 'labels in the reference-labels JSONL format')
    .option('--dimension <ids>', `comma-separated, from ${VALIDATED_DIMENSIONS.join(', ')} (default: all)`)
    .option('--backend <dimension=backend>', 'choose a dimension backend (repeatable)', collect, [])
    .option('--option <key=value>', 'backend option (repeatable)', collect, [])
    .option('--cache-dir <dir>', 'annotation cache folder', '.realsim-cache')
    .option('--no-cache', 'do not read or write the annotation cache')
    .option('--json', 'print JSON: { "<dimension>": { microF1, macroF1, perTag, … } }')
    .action(
      async (options: {
        dialogues: string[];
        labels: string;
        dimension?: string;
        backend: string[];
        option: string[];
        cacheDir: string;
        cache: boolean;
        json?: boolean;
      }) => {
        const progress = createStderrProgress();
        const dimensions = parseValidatedDimensions(options.dimension);
        const labels = readReferenceLabels(options.labels);
        const set = await loadDialogueSet(options.dialogues, { name: 'labelled', kind: 'real' });
        const results = await validateDimensions({
          dialogues: set.dialogues,
          labels,
          dimensions,
          backends: parseKeyValueOptions(options.backend, '--backend'),
          options: parseKeyValueOptions(options.option, '--option'),
          cache: options.cache ? createDiskCache(options.cacheDir) : createMemoryCache(),
          progress,
        });
        for (const { validation } of results) refuseValidationWithoutMatches(validation, options.labels, set.dialogues.length);
        if (options.json) {
          const output: Record<string, unknown> = {};
          for (const { validation, backend } of results) output[validation.dimension] = { backend, ...validationSummary(validation) };
          process.stdout.write(`${JSON.stringify(output, null, 2)}\n`);
        } else {
          process.stdout.write(`${results.map(({ validation, backend }) => renderValidation(validation, backend)).join('\n\n')}\n`);
        }
      },
    );
}
