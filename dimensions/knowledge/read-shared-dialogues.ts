import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import type { Dialogue, Turn } from '../../src/core/dialogue.js';
import { projectRoot } from '../../src/core/project-root.js';

/**
 * A tiny reader of ../shared/datasets for this dimension's measurements and dataset tests only
 * (the project's loaders live in src/load). Keeps user and assistant messages, drops the rest.
 */
export function sharedDatasetsDirectory(): string {
  return process.env.REALSIM_SHARED_DATASETS ?? resolve(projectRoot(), '../shared/datasets');
}

interface RawMessage {
  role?: string;
  content?: unknown;
}

function toTurns(messages: RawMessage[]): Turn[] {
  return messages
    .filter((message) => message.role === 'user' || message.role === 'assistant')
    .map((message) => ({ role: message.role as Turn['role'], text: typeof message.content === 'string' ? message.content : '' }));
}

function dialogue(id: string, source: string, domain: string, turns: Turn[], file: string, scenarioId?: string): Dialogue {
  return { id, source, domain, turns, aside: [], origin: { file, format: 'shared-test-reader' }, ...(scenarioId ? { scenarioId } : {}) };
}

export function readRealsimRealDialogues(datasets = sharedDatasetsDirectory()): Dialogue[] {
  const folder = join(datasets, 'realsim', 'real_dialogues');
  if (!existsSync(folder)) return [];
  const dialogues: Dialogue[] = [];
  for (const name of readdirSync(folder).filter((file) => file.endsWith('.json')).sort()) {
    const file = join(folder, name);
    const records = JSON.parse(readFileSync(file, 'utf8')) as Array<{ conversation_id: string; conversation: RawMessage[] }>;
    records.forEach((record, index) => {
      dialogues.push(dialogue(`${basename(name, '.json')}:${index}:${record.conversation_id}`, 'real', basename(name, '.json'), toTurns(record.conversation), file));
    });
  }
  return dialogues;
}

export function readMirrorbenchPairDialogues(datasets = sharedDatasetsDirectory()): Dialogue[] {
  const file = join(datasets, 'mirrorbench', 'pairs.jsonl');
  if (!existsSync(file)) return [];
  const dialogues: Dialogue[] = [];
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (line.trim().length === 0) continue;
    const record = JSON.parse(line) as { pair_id: string; real: { messages: RawMessage[] }; simulated: { messages: RawMessage[] } };
    dialogues.push(dialogue(`real:${record.pair_id}`, 'real', 'mirrorbench', toTurns(record.real.messages), file, record.pair_id));
    dialogues.push(dialogue(`simulated:${record.pair_id}`, 'gemini-2.5-pro', 'mirrorbench', toTurns(record.simulated.messages), file, record.pair_id));
  }
  return dialogues;
}
