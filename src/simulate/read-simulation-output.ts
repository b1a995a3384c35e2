import { existsSync, readFileSync, truncateSync } from 'node:fs';
import { RealsimError, quoteForMessage } from '../core/realsim-error.js';
import type { SimulatedDialogueRecord } from './simulated-dialogue-record.js';

export interface ExistingSimulationOutput {
  records: SimulatedDialogueRecord[];
  /** Bytes of a cut last line that were removed from the file (0 when none). */
  droppedBytes: number;
}

function isRecord(value: unknown): value is SimulatedDialogueRecord {
  const fields = value as Partial<SimulatedDialogueRecord> | null;
  return typeof fields === 'object' && fields !== null && typeof fields.scenario_id === 'string' && Array.isArray(fields.messages);
}

/**
 * Reads the finished dialogues of an earlier (possibly killed) run. Every line is written whole by one
 * write call, so only the last line can be incomplete: a last line without its newline, or one that is
 * not JSON, is cut off the file (its scenario is simulated again). An unreadable line elsewhere is an
 * error, never skipped. Records must come from the same simulator, persona mode, prompt template and
 * guardrail set as this run.
 */
export function readSimulationOutput(
  path: string,
  expected: { simulator: string; personaMode: string; promptVersion: string; guardrailSet: string },
): ExistingSimulationOutput {
  if (!existsSync(path)) return { records: [], droppedBytes: 0 };
  const bytes = readFileSync(path);
  const lastNewline = bytes.lastIndexOf(0x0a);
  const completeLength = lastNewline + 1;
  const records: SimulatedDialogueRecord[] = [];
  const lines = bytes.subarray(0, completeLength).toString('utf8').split('\n');
  lines.pop();
  let keptLength = completeLength;
  for (const [index, line] of lines.entries()) {
    if (line.trim() === '') continue;
    const where = `${path} line ${index + 1}`;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      if (index === lines.length - 1) {
        keptLength = completeLength - Buffer.byteLength(line, 'utf8') - 1;
        break;
      }
      throw new RealsimError('INPUT_INVALID_JSON', `${where}: expected a finished simulated dialogue (one JSON object), found ${quoteForMessage(line)}`);
    }
    if (!isRecord(value)) throw new RealsimError('INPUT_INVALID_RECORD', `${where}: expected a simulated dialogue with scenario_id and messages, found ${quoteForMessage(line)}`);
    if (value.simulator !== expected.simulator || value.persona_mode !== expected.personaMode) {
      throw new RealsimError(
        'USAGE',
        `--out ${path}: expected dialogues of simulator "${expected.simulator}" with persona "${expected.personaMode}" to resume, found simulator ${quoteForMessage(value.simulator)} with persona ${quoteForMessage(value.persona_mode)} on line ${index + 1} (choose another --out)`,
      );
    }
    if (value.prompt_version !== expected.promptVersion || value.guardrail_set !== expected.guardrailSet) {
      throw new RealsimError(
        'USAGE',
        `--out ${path}: expected dialogues made with prompt ${quoteForMessage(expected.promptVersion)} and guardrails ${quoteForMessage(expected.guardrailSet)} to resume, found prompt ${quoteForMessage(value.prompt_version)} and guardrails ${quoteForMessage(value.guardrail_set)} on line ${index + 1} (choose another --out)`,
      );
    }
    records.push(value);
  }
  const droppedBytes = bytes.length - keptLength;
  if (droppedBytes > 0) truncateSync(path, keptLength);
  return { records, droppedBytes };
}
