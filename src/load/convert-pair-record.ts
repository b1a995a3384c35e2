import type { Dialogue } from '../core/dialogue.js';
import { RealsimError } from '../core/realsim-error.js';
import { describeJsonValue } from './describe-json-value.js';
import type { InputRecord } from './input-record.js';
import { mapDomain } from './map-domain.js';
import type { LoadNotes } from './flatten-message-content.js';
import { ROLE_CONTENT_LAYOUT, normalizeMessages } from './normalize-messages.js';
import { optionalIdentifier, optionalString } from './record-fields.js';

export interface PairRecordContext {
  file: string;
  stem: string;
  domainMap?: Record<string, string> | undefined;
  /** Where non-fatal findings of this file are counted. */
  notes?: LoadNotes | undefined;
}

export interface ConvertedPair {
  pairId: string;
  /** real.source, e.g. "chatbot_arena" (undefined when absent). */
  realSource: string | undefined;
  /** simulated.simulator, e.g. "gemini-2.5-pro" (undefined when absent). */
  simulator: string | undefined;
  real: Dialogue;
  simulated: Dialogue;
}

function requireObject(record: Record<string, unknown>, field: string, expected: string, where: string): Record<string, unknown> {
  const value = record[field];
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new RealsimError('INPUT_INVALID_RECORD', `${where}: expected ${field} to be ${expected}, found ${describeJsonValue(value)}`);
  }
  return value as Record<string, unknown>;
}

/**
 * Converts one MirrorBench-style pair record { pair_id, task_description, real: { source, messages },
 * simulated: { simulator, assistant, messages } } into a real and a simulated Dialogue that share
 * id and scenarioId (= pair_id; "<stem>-line-N" when the record has none) and the scenario text.
 */
export function convertPairRecord(input: InputRecord, context: PairRecordContext): ConvertedPair {
  const { value, where } = input;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new RealsimError('INPUT_INVALID_RECORD', `${where}: expected a JSON object (one pair), found ${describeJsonValue(value)}`);
  }
  const record = value as Record<string, unknown>;
  const realPart = requireObject(record, 'real', 'an object with "source" and "messages"', where);
  const simulatedPart = requireObject(record, 'simulated', 'an object with "simulator" and "messages"', where);
  const realSide = normalizeMessages(realPart['messages'], 'real.messages', where, ROLE_CONTENT_LAYOUT, context.notes);
  const simulatedSide = normalizeMessages(simulatedPart['messages'], 'simulated.messages', where, ROLE_CONTENT_LAYOUT, context.notes);
  const realSource = optionalString(realPart, 'source', `${where} real`);
  const simulator = optionalString(simulatedPart, 'simulator', `${where} simulated`);
  const pairId =
    optionalIdentifier(record, 'pair_id', where) ??
    (input.line !== undefined ? `${context.stem}-line-${input.line}` : `${context.stem}-record-${input.recordIndex ?? 0}`);
  const scenario = optionalString(record, 'scenario', where) ?? optionalString(record, 'task_description', where);
  const domain = mapDomain(optionalString(record, 'domain', where) ?? context.stem, context.domainMap);
  const origin: Dialogue['origin'] = { file: context.file, format: 'mirrorbench-pairs' };
  if (input.line !== undefined) origin.line = input.line;
  if (input.recordIndex !== undefined) origin.recordIndex = input.recordIndex;
  const shared = { id: pairId, domain, scenarioId: pairId, ...(scenario !== undefined ? { scenario } : {}) };
  return {
    pairId,
    realSource,
    simulator,
    real: { ...shared, source: 'real', turns: realSide.turns, aside: realSide.aside, origin: { ...origin }, ...(realSide.userEndedDialogue ? { userEndedDialogue: true } : {}) },
    simulated: {
      ...shared,
      source: simulator ?? 'simulated',
      turns: simulatedSide.turns,
      aside: simulatedSide.aside,
      origin: { ...origin },
      ...(simulatedSide.userEndedDialogue ? { userEndedDialogue: true } : {}),
    },
  };
}
