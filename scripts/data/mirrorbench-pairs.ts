/** Builds MirrorBench pairs.jsonl from the downloaded upstream files. */
import { RealsimError, quoteForMessage } from '../../src/core/realsim-error.js';

// ---------------------------------------------------------------------------------------------------------
// MirrorBench pairs.jsonl builder

/**
 * Serializes like Python's json.dumps(value, ensure_ascii=False): ", " between items, ": " after keys,
 * non-ASCII characters written as they are. (Strings are escaped as JSON.stringify does, which matches
 * Python for well-formed text: \" \\ \b \f \n \r \t and \u00xx for the other control characters.)
 */
export function toPythonStyleJson(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'string' || typeof value === 'boolean') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new RealsimError('INTERNAL', `pairs builder: expected a finite number, found ${quoteForMessage(String(value))}`);
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map(toPythonStyleJson).join(', ')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, item]) => item !== undefined);
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}: ${toPythonStyleJson(item)}`).join(', ')}}`;
  }
  throw new RealsimError('INTERNAL', `pairs builder: expected a JSON value, found ${quoteForMessage(typeof value)}`);
}

export interface MirrorbenchPairsParameters {
  realSource: string;
  simulator: string;
  assistant: string;
}

interface ChatMessage {
  role: string;
  content: string;
}

function readMessages(value: unknown, where: string): ChatMessage[] {
  if (!Array.isArray(value)) throw new RealsimError('INPUT_INVALID_RECORD', `${where}: expected an array of messages, found ${quoteForMessage(value)}`);
  return value.map((message: unknown, index) => {
    const record = message as { role?: unknown; content?: unknown } | null;
    if (!record || typeof record.role !== 'string' || typeof record.content !== 'string') {
      throw new RealsimError('INPUT_INVALID_RECORD', `${where}[${index}]: expected { role: string, content: string }, found ${quoteForMessage(message)}`);
    }
    return { role: record.role, content: record.content };
  });
}

/** "proxy:…|dataset:…|metric:judge/gteval|0::<question id>::<model>" → "<question id>::<model>". */
export function pairIdFromSampleId(sampleId: string): string {
  const lastPart = sampleId.split('|').at(-1) ?? sampleId;
  return lastPart.replace(/^\d+::/, '');
}

/** task_description by conversation_id, from chatbot_arena_mirror.jsonl. */
export function taskDescriptionsById(arenaMirrorJsonl: string, where = 'chatbot_arena_mirror.jsonl'): Map<string, string | null> {
  const descriptions = new Map<string, string | null>();
  arenaMirrorJsonl.split('\n').forEach((line, index) => {
    if (line.trim() === '') return;
    let record: { conversation_id?: unknown; task_description?: unknown };
    try {
      record = JSON.parse(line) as typeof record;
    } catch (error) {
      throw new RealsimError('INPUT_INVALID_JSON', `${where} line ${index + 1}: expected a JSON object, found ${quoteForMessage((error as Error).message)}`);
    }
    if (typeof record.conversation_id !== 'string') {
      throw new RealsimError('INPUT_INVALID_RECORD', `${where} line ${index + 1} field "conversation_id": expected a string, found ${quoteForMessage(record.conversation_id)}`);
    }
    descriptions.set(record.conversation_id, typeof record.task_description === 'string' ? record.task_description : null);
  });
  return descriptions;
}

/**
 * Builds pairs.jsonl from MirrorBench's gteval_labeled.json (a JSON array of { sample_id, real_conversation,
 * synthetic_conversation, … }) and chatbot_arena_mirror.jsonl (for task_description). One line per record,
 * in file order; judging fields are left out.
 */
export function buildMirrorbenchPairs(gtevalLabeledJson: string, arenaMirrorJsonl: string, parameters: MirrorbenchPairsParameters): string {
  const where = 'gteval_labeled.json';
  let records: unknown;
  try {
    records = JSON.parse(gtevalLabeledJson);
  } catch (error) {
    throw new RealsimError('INPUT_INVALID_JSON', `${where}: expected a JSON array, found ${quoteForMessage((error as Error).message)}`);
  }
  if (!Array.isArray(records)) throw new RealsimError('INPUT_UNKNOWN_LAYOUT', `${where}: expected a JSON array of records, found ${quoteForMessage(records)}`);
  const descriptions = taskDescriptionsById(arenaMirrorJsonl);
  const seen = new Set<string>();
  const lines = records.map((item: unknown, index) => {
    const record = item as { sample_id?: unknown; real_conversation?: unknown; synthetic_conversation?: unknown } | null;
    if (!record || typeof record.sample_id !== 'string') {
      throw new RealsimError('INPUT_INVALID_RECORD', `${where} record ${index} field "sample_id": expected a string, found ${quoteForMessage(record?.sample_id)}`);
    }
    const pairId = pairIdFromSampleId(record.sample_id);
    if (seen.has(pairId)) throw new RealsimError('INPUT_DUPLICATE_ID', `${where} record ${index}: expected a new pair id, found ${quoteForMessage(pairId)} again`);
    seen.add(pairId);
    const pair = {
      pair_id: pairId,
      task_description: descriptions.get(pairId) ?? null,
      real: { source: parameters.realSource, messages: readMessages(record.real_conversation, `${where} record ${index} field "real_conversation"`) },
      simulated: {
        simulator: parameters.simulator,
        assistant: parameters.assistant,
        messages: readMessages(record.synthetic_conversation, `${where} record ${index} field "synthetic_conversation"`),
      },
    };
    return `${toPythonStyleJson(pair)}\n`;
  });
  return lines.join('');
}
