import type { DialogueOrigin } from '../core/dialogue.js';
import { RealsimError, quoteForMessage } from '../core/realsim-error.js';
import type { ConvertedDialogue } from './convert-record-to-dialogue.js';

export interface LoadedDialogue extends ConvertedDialogue {
  /** Index of the file in load order. */
  fileIndex: number;
  stem: string;
}

function describeOrigin(origin: DialogueOrigin): string {
  if (origin.line !== undefined) return `${origin.file} line ${origin.line}`;
  if (origin.recordIndex !== undefined) return `${origin.file} record ${origin.recordIndex}`;
  return origin.file;
}

function describeFirstPlace(first: DialogueOrigin, second: DialogueOrigin): string {
  const place = describeOrigin(first);
  return first.file === second.file ? place.slice(first.file.length + 1) : place;
}

function duplicateError(id: string, first: DialogueOrigin, second: DialogueOrigin): RealsimError {
  return new RealsimError(
    'INPUT_DUPLICATE_ID',
    `${describeOrigin(second)}: expected a unique id, found ${quoteForMessage(id)} again (first at ${describeFirstPlace(first, second)})`,
  );
}

/**
 * Makes dialogue ids unique within a set, in place, by these rules:
 * 1. Inside one file, a repeated "explicit" id is an error naming both places; a repeated "log" id
 *    (realsim/WildChat conversation_id, which the realsim data reuses) gets "#2", "#3", … in file order.
 * 2. An id that occurs in more than one file gets "<stem>/" on every occurrence, so no file is favoured.
 * 3. Anything still repeated after that (two files with the same stem) is an error naming both places.
 */
export function assignUniqueIds(loaded: LoadedDialogue[]): void {
  const filesByRawId = new Map<string, Set<number>>();
  for (const entry of loaded) {
    const files = filesByRawId.get(entry.rawId) ?? new Set<number>();
    files.add(entry.fileIndex);
    filesByRawId.set(entry.rawId, files);
  }
  const firstInFile = new Map<string, { origin: DialogueOrigin; count: number }>();
  const finalOrigins = new Map<string, DialogueOrigin>();
  for (const entry of loaded) {
    const { dialogue, rawId } = entry;
    const fileKey = `${entry.fileIndex}\u0000${rawId}`;
    const seen = firstInFile.get(fileKey);
    let suffix = '';
    if (seen) {
      if (entry.idKind !== 'log') throw duplicateError(rawId, seen.origin, dialogue.origin);
      seen.count += 1;
      suffix = `#${seen.count}`;
    } else {
      firstInFile.set(fileKey, { origin: dialogue.origin, count: 1 });
    }
    const prefix = (filesByRawId.get(rawId)?.size ?? 0) > 1 ? `${entry.stem}/` : '';
    const id = `${prefix}${rawId}${suffix}`;
    const earlier = finalOrigins.get(id);
    if (earlier) throw duplicateError(id, earlier, dialogue.origin);
    finalOrigins.set(id, dialogue.origin);
    dialogue.id = id;
  }
}
