import type { Dialogue } from '../core/dialogue.js';
import { RealsimError } from '../core/realsim-error.js';
import { describeJsonValue } from './describe-json-value.js';
import { mapDomain } from './map-domain.js';
import type { InputFormat } from './detect-input-format.js';
import type { InputRecord } from './input-record.js';
import type { LoadNotes } from './flatten-message-content.js';
import { ROLE_CONTENT_LAYOUT, SHAREGPT_LAYOUT, normalizeMessages } from './normalize-messages.js';
import { optionalIdentifier, optionalString } from './record-fields.js';

/**
 * How an id may repeat: "log" ids (conversation_id of realsim/WildChat/LMSYS exports) name the source
 * log, and the realsim data reuses them for different dialogues; "explicit" ids must be unique within a
 * file; "generated" ids (record without an id) are unique by construction.
 */
export type IdKind = 'log' | 'explicit' | 'generated';

export interface RecordContext {
  file: string;
  /** File name without folder and extension: the default domain and the cross-file id prefix. */
  stem: string;
  format: Exclude<InputFormat, 'mirrorbench-pairs'>;
  /** "real" or the simulator's name. */
  source: string;
  domainMap?: Record<string, string> | undefined;
  /** Where non-fatal findings of this file are counted. */
  notes?: LoadNotes | undefined;
}

export interface ConvertedDialogue {
  dialogue: Dialogue;
  rawId: string;
  idKind: IdKind;
}

interface LayoutSpecification {
  messagesField: string;
  idFields: string[];
  idKind: 'log' | 'explicit';
  scenarioField?: string;
}

const LAYOUTS: Record<RecordContext['format'], LayoutSpecification> = {
  'realsim-json': { messagesField: 'conversation', idFields: ['conversation_id'], idKind: 'log', scenarioField: 'extracted_scenario' },
  'wildchat-jsonl': { messagesField: 'conversation', idFields: ['conversation_id', 'conversation_hash'], idKind: 'log' },
  'openai-jsonl': { messagesField: 'messages', idFields: ['id'], idKind: 'explicit' },
  sharegpt: { messagesField: 'conversations', idFields: ['id'], idKind: 'explicit' },
  'mirrorbench-turns': { messagesField: 'turns', idFields: ['conversation_id'], idKind: 'explicit', scenarioField: 'task_description' },
  'tau-bench': { messagesField: 'traj', idFields: ['task_id'], idKind: 'explicit' },
};

function tauBenchInstruction(record: Record<string, unknown>): string | undefined {
  const info = record['info'];
  if (typeof info !== 'object' || info === null) return undefined;
  const task = (info as Record<string, unknown>)['task'];
  if (typeof task !== 'object' || task === null) return undefined;
  const instruction = (task as Record<string, unknown>)['instruction'];
  return typeof instruction === 'string' ? instruction : undefined;
}

/**
 * Converts one record of a single-dialogue layout into a Dialogue. Domain: the record's "domain" field,
 * else the file stem, then mapped through domainMap. Scenario: "scenario", else the layout's own field
 * (realsim extracted_scenario, MirrorBench task_description, tau-bench info.task.instruction).
 */
export function convertRecordToDialogue(input: InputRecord, context: RecordContext): ConvertedDialogue {
  const { value, where } = input;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new RealsimError('INPUT_INVALID_RECORD', `${where}: expected a JSON object (one dialogue), found ${describeJsonValue(value)}`);
  }
  const record = value as Record<string, unknown>;
  const layout = LAYOUTS[context.format];
  const layoutMessages = layout.messagesField;
  const messageLayout = context.format === 'sharegpt' ? SHAREGPT_LAYOUT : ROLE_CONTENT_LAYOUT;
  const { turns, aside, userEndedDialogue } = normalizeMessages(record[layoutMessages], layoutMessages, where, messageLayout, context.notes);

  let rawId: string | undefined;
  for (const field of layout.idFields) {
    rawId = optionalIdentifier(record, field, where);
    if (rawId !== undefined) break;
  }
  let scenarioId = optionalIdentifier(record, 'scenario_id', where);
  let scenario = optionalString(record, 'scenario', where);
  if (scenario === undefined && layout.scenarioField) scenario = optionalString(record, layout.scenarioField, where);
  if (context.format === 'tau-bench') {
    const trial = optionalIdentifier(record, 'trial', where);
    if (rawId !== undefined) {
      scenarioId ??= rawId;
      if (trial !== undefined) rawId = `${rawId}/trial-${trial}`;
    }
    scenario ??= tauBenchInstruction(record);
  }
  const persona = optionalString(record, 'persona', where);
  const domain = mapDomain(optionalString(record, 'domain', where) ?? context.stem, context.domainMap);

  const idKind: IdKind = rawId === undefined ? 'generated' : layout.idKind;
  const id = rawId ?? (input.line !== undefined ? `${context.stem}-line-${input.line}` : `${context.stem}-record-${input.recordIndex ?? 0}`);
  const origin: Dialogue['origin'] = { file: context.file, format: context.format };
  if (input.line !== undefined) origin.line = input.line;
  if (input.recordIndex !== undefined) origin.recordIndex = input.recordIndex;
  const dialogue: Dialogue = { id, source: context.source, domain, turns, aside, origin };
  if (scenarioId !== undefined) dialogue.scenarioId = scenarioId;
  if (scenario !== undefined) dialogue.scenario = scenario;
  if (persona !== undefined) dialogue.persona = persona;
  // realsim simulate removes its end token and writes ended_by "end-token" instead
  if (userEndedDialogue || record['ended_by'] === 'end-token') dialogue.userEndedDialogue = true;
  return { dialogue, rawId: id, idKind };
}
