import { stat } from 'node:fs/promises';
import type { Dialogue, DialogueOrigin, DialogueSet } from '../core/dialogue.js';
import { RealsimError, quoteForMessage } from '../core/realsim-error.js';
import { convertPairRecord } from './convert-pair-record.js';
import { detectInputFormat } from './detect-input-format.js';
import { DEFAULT_READ_LIMITS, type ReadLimits } from './input-record.js';
import { listInputFiles } from './list-input-files.js';
import { createLoadNotes, describeLoadNotes } from './flatten-message-content.js';
import { readInputRecords } from './read-input-records.js';

export interface LoadPairFileOptions {
  domainMap?: Record<string, string>;
  /** Longest JSONL line accepted (default 64 MiB). */
  maximumLineBytes?: number;
  /** Largest JSON array file accepted (default 512 MiB). */
  maximumFileBytes?: number;
  /** Receives one line per non-fatal finding (skipped links, image-only messages). */
  warn?: (message: string) => void;
}

function describeOrigin(origin: DialogueOrigin): string {
  return origin.line !== undefined ? `line ${origin.line}` : `record ${origin.recordIndex ?? 0}`;
}

/**
 * Loads a MirrorBench-style pair file (JSONL or JSON array) into two sets that pair by scenarioId:
 * the real set is named by real.source (several sources joined with "+", "real" when absent) and the
 * simulated set by simulated.simulator (one simulator per file). pair_id must be unique in the file.
 */
export async function loadPairFile(path: string, options: LoadPairFileOptions): Promise<{ real: DialogueSet; simulated: DialogueSet }> {
  const limits: ReadLimits = {
    maximumLineBytes: options.maximumLineBytes ?? DEFAULT_READ_LIMITS.maximumLineBytes,
    maximumFileBytes: options.maximumFileBytes ?? DEFAULT_READ_LIMITS.maximumFileBytes,
  };
  const [input] = await listInputFiles([path], options.warn);
  if (!input || (await stat(path)).isDirectory()) {
    throw new RealsimError('USAGE', `${path}: expected one pair file (JSONL or JSON), found a directory`);
  }
  const realDialogues: Dialogue[] = [];
  const simulatedDialogues: Dialogue[] = [];
  const realSources: string[] = [];
  let simulator: { name: string; where: string } | undefined;
  const firstOrigins = new Map<string, DialogueOrigin>();
  let checkedLayout = false;
  const notes = createLoadNotes();
  const fingerprint = await readInputRecords(input.file, limits, (record) => {
    if (!checkedLayout) {
      const detected = detectInputFormat(record.value, record.where);
      if (detected !== 'mirrorbench-pairs') {
        throw new RealsimError(
          'USAGE',
          `${record.where}: expected a mirrorbench-pairs record ("pair_id", "real" + "simulated"), found a record in the ${detected} layout; load it with --real or --sim`,
        );
      }
      checkedLayout = true;
    }
    const pair = convertPairRecord(record, { file: input.file, stem: input.stem, domainMap: options.domainMap, notes });
    const earlier = firstOrigins.get(pair.pairId);
    if (earlier) {
      throw new RealsimError(
        'INPUT_DUPLICATE_ID',
        `${record.where}: expected a unique pair_id, found ${quoteForMessage(pair.pairId)} again (first at ${describeOrigin(earlier)})`,
      );
    }
    firstOrigins.set(pair.pairId, pair.real.origin);
    const simulatorName = pair.simulator ?? 'simulated';
    if (simulator === undefined) simulator = { name: simulatorName, where: record.where };
    else if (simulator.name !== simulatorName) {
      throw new RealsimError(
        'INPUT_INVALID_RECORD',
        `${record.where}: expected simulated.simulator to be ${quoteForMessage(simulator.name)} as in ${simulator.where} (one simulator per pair file), found ${quoteForMessage(simulatorName)}`,
      );
    }
    const realSource = pair.realSource ?? 'real';
    if (!realSources.includes(realSource)) realSources.push(realSource);
    realDialogues.push(pair.real);
    simulatedDialogues.push(pair.simulated);
  });
  const warning = describeLoadNotes(input.file, notes);
  if (warning) options.warn?.(warning);
  return {
    real: { name: realSources.join('+'), kind: 'real', dialogues: realDialogues, fingerprints: [fingerprint], format: 'mirrorbench-pairs' },
    simulated: {
      name: simulator?.name ?? 'simulated',
      kind: 'simulated',
      dialogues: simulatedDialogues,
      fingerprints: [{ ...fingerprint }],
      format: 'mirrorbench-pairs',
    },
  };
}
