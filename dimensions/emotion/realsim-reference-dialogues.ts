import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Dialogue, Turn } from '../../src/core/dialogue.js';

/**
 * A tiny reader for the realsim real dialogues and the hand-labelled reference turns in ../shared,
 * used only by this dimension's validation test and measurements (the project's loader lives in src/load).
 */
export interface ReferenceTurnEmotion {
  conversationId: string;
  /** 1-based user turn number. */
  turn: number;
  emotion: string;
}

interface RawRecord {
  conversation_id: string;
  conversation: Array<{ role: string; content: unknown }>;
}

export function readRealsimRealDialogues(realDialoguesDirectory: string): Dialogue[] {
  const dialogues: Dialogue[] = [];
  for (const file of readdirSync(realDialoguesDirectory).filter((name) => name.endsWith('.json')).sort()) {
    const records = JSON.parse(readFileSync(join(realDialoguesDirectory, file), 'utf8')) as RawRecord[];
    records.forEach((record, recordIndex) => {
      const turns: Turn[] = record.conversation
        .filter((message) => message.role === 'user' || message.role === 'assistant')
        .map((message) => ({
          role: message.role as Turn['role'],
          text: typeof message.content === 'string' ? message.content : '',
        }));
      dialogues.push({
        id: record.conversation_id,
        source: 'real',
        domain: file.replace(/\.json$/, ''),
        turns,
        aside: [],
        origin: { file, recordIndex, format: 'realsim-json' },
      });
    });
  }
  return dialogues;
}

export function readReferenceTurnEmotions(referenceLabelsFile: string): ReferenceTurnEmotion[] {
  return readFileSync(referenceLabelsFile, 'utf8')
    .split('\n')
    .filter((line) => line.trim().length > 0)
    .flatMap((line) => {
      const record = JSON.parse(line) as { conversation_id: string; turns: Array<{ turn: number; emotion: string }> };
      return record.turns.map((turn) => ({ conversationId: record.conversation_id, turn: turn.turn, emotion: turn.emotion }));
    });
}
