import type { DialogueSet } from '../core/dialogue.js';
import { RealsimError } from '../core/realsim-error.js';
import { type LoadedDialogue, assignUniqueIds } from './assign-unique-ids.js';
import { checkRecordLayout } from './check-record-layout.js';
import { convertRecordToDialogue } from './convert-record-to-dialogue.js';
import { type InputFormat, detectInputFormat } from './detect-input-format.js';
import { DEFAULT_READ_LIMITS, type FileFingerprint, type InputRecord, type ReadLimits } from './input-record.js';
import { listInputFiles } from './list-input-files.js';
import { createLoadNotes, describeLoadNotes } from './flatten-message-content.js';
import { readInputRecords } from './read-input-records.js';

export interface LoadOptions {
  /** Set name: "real" (or a real set's label) or the simulator's name. */
  name: string;
  kind: 'real' | 'simulated';
  /** Forces one layout for every file instead of detecting it per file. */
  format?: InputFormat;
  /** Maps file stems or record domains to merged domains, e.g. { stories: "books" }. */
  domainMap?: Record<string, string>;
  /** Longest JSONL line accepted (default 64 MiB). */
  maximumLineBytes?: number;
  /** Largest JSON array file accepted (default 512 MiB). */
  maximumFileBytes?: number;
  /** Receives one line per non-fatal finding (skipped links, image-only messages). */
  warn?: (message: string) => void;
}

/** Layout of a file from its first record: the override (checked) or what the record looks like. */
function resolveFileFormat(record: InputRecord, override: InputFormat | undefined): InputFormat {
  if (override === undefined) return detectInputFormat(record.value, record.where);
  checkRecordLayout(record.value, override, record.where);
  return override;
}

/**
 * Loads files and directories (every .json/.jsonl inside, sorted by name) into one DialogueSet.
 * Each file's layout is detected from its first record unless options.format forces one. Dialogues
 * keep file order; ids are made unique by the rules of assignUniqueIds. Pair files (real and
 * simulated in one record) are refused here: they load through loadPairFile (--pairs).
 */
export async function loadDialogueSet(paths: string[], options: LoadOptions): Promise<DialogueSet> {
  const limits: ReadLimits = {
    maximumLineBytes: options.maximumLineBytes ?? DEFAULT_READ_LIMITS.maximumLineBytes,
    maximumFileBytes: options.maximumFileBytes ?? DEFAULT_READ_LIMITS.maximumFileBytes,
  };
  const source = options.kind === 'real' ? 'real' : options.name;
  const files = await listInputFiles(paths, options.warn);
  const loaded: LoadedDialogue[] = [];
  const fingerprints: FileFingerprint[] = [];
  const formats: InputFormat[] = [];
  for (const [fileIndex, { file, stem }] of files.entries()) {
    let format: Exclude<InputFormat, 'mirrorbench-pairs'> | undefined;
    const notes = createLoadNotes();
    const fingerprint = await readInputRecords(file, limits, (record) => {
      if (format === undefined) {
        const resolved = resolveFileFormat(record, options.format);
        if (resolved === 'mirrorbench-pairs') {
          throw new RealsimError(
            'USAGE',
            `${record.where}: expected a file of single dialogues, found a mirrorbench-pairs record (real and simulated together); load pair files with --pairs`,
          );
        }
        format = resolved;
        if (!formats.includes(format)) formats.push(format);
      }
      const converted = convertRecordToDialogue(record, { file, stem, format, source, domainMap: options.domainMap, notes });
      loaded.push({ ...converted, fileIndex, stem });
    });
    fingerprints.push(fingerprint);
    const warning = describeLoadNotes(file, notes);
    if (warning) options.warn?.(warning);
  }
  assignUniqueIds(loaded);
  return {
    name: options.name,
    kind: options.kind,
    dialogues: loaded.map((entry) => entry.dialogue),
    fingerprints,
    format: formats.join('+'),
  };
}
