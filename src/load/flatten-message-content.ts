import { RealsimError, quoteForMessage } from '../core/realsim-error.js';
import { describeJsonValue } from './describe-json-value.js';

const TEXT_PART_TYPES = new Set(['text', 'input_text', 'output_text']);

/** What loading noticed in one file without refusing it, reported as one warning per file. */
export interface LoadNotes {
  /** Messages whose parts held no text at all (an image, audio): read as empty turns. */
  nonTextOnlyMessages: number;
  nonTextPartTypes: Set<string>;
}

export function createLoadNotes(): LoadNotes {
  return { nonTextOnlyMessages: 0, nonTextPartTypes: new Set() };
}

/** The warning for `file` from its notes, or undefined when there is nothing to say. */
export function describeLoadNotes(file: string, notes: LoadNotes): string | undefined {
  if (notes.nonTextOnlyMessages === 0) return undefined;
  const types = [...notes.nonTextPartTypes].sort().map((type) => quoteForMessage(type)).join(', ');
  const count = notes.nonTextOnlyMessages;
  return `${file}: ${count} message${count === 1 ? '' : 's'} held only parts of type ${types} and ${count === 1 ? 'was' : 'were'} read as empty turns`;
}

/**
 * Turns message content into one string. A string is kept as it is (empty included). An array of parts
 * ({ type: "text", text } objects or plain strings) is joined with "\n"; parts that carry no text
 * (images, audio) are skipped. A non-empty array with no text part at all (an image-only message, normal
 * in multimodal logs) is an empty turn counted in `notes` (an error when no notes are kept); a text part
 * whose text is not a string is an error. `field` names the content in messages ("messages[2].content").
 */
export function flattenMessageContent(content: unknown, field: string, where: string, notes?: LoadNotes): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) {
    throw new RealsimError(
      'INPUT_INVALID_RECORD',
      `${where}: expected ${field} to be a string or an array of text parts, found ${describeJsonValue(content)}`,
    );
  }
  const texts: string[] = [];
  const skippedTypes: string[] = [];
  content.forEach((part: unknown, index) => {
    const partField = `${field}[${index}]`;
    if (typeof part === 'string') {
      texts.push(part);
      return;
    }
    if (typeof part !== 'object' || part === null || Array.isArray(part)) {
      throw new RealsimError(
        'INPUT_INVALID_RECORD',
        `${where}: expected ${partField} to be a string or a { "type": "text", "text": … } part, found ${describeJsonValue(part)}`,
      );
    }
    const { type, text } = part as { type?: unknown; text?: unknown };
    if (typeof text === 'string') {
      texts.push(text);
      return;
    }
    if (type === undefined || (typeof type === 'string' && TEXT_PART_TYPES.has(type))) {
      throw new RealsimError('INPUT_INVALID_RECORD', `${where}: expected ${partField}.text to be a string, found ${describeJsonValue(text)}`);
    }
    skippedTypes.push(typeof type === 'string' ? type : JSON.stringify(type));
  });
  if (texts.length === 0 && skippedTypes.length > 0 && notes) {
    notes.nonTextOnlyMessages += 1;
    for (const type of skippedTypes) notes.nonTextPartTypes.add(type);
    return '';
  }
  if (texts.length === 0 && skippedTypes.length > 0) {
    const types = [...new Set(skippedTypes)].map((type) => quoteForMessage(type)).join(', ');
    throw new RealsimError(
      'INPUT_INVALID_RECORD',
      `${where}: expected ${field} to contain at least one text part, found only parts of type ${types}`,
    );
  }
  return texts.join('\n');
}
