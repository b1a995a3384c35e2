/** The one normalized shape every loader produces (README.md, "Using it on your own data"). */
export type TurnRole = 'user' | 'assistant';

export interface Turn {
  role: TurnRole;
  /** Flattened text; empty user messages are kept (they are real behaviour). */
  text: string;
}

/** System, tool and other non-conversational messages: kept aside, never counted as user behaviour. */
export interface AsideMessage {
  role: string;
  text: string;
  /** Index among all messages of the original record (0-based). */
  position: number;
}

export interface DialogueOrigin {
  file: string;
  /** 1-based line for JSONL inputs. */
  line?: number;
  /** 0-based record index for JSON array inputs. */
  recordIndex?: number;
  format: string;
}

export interface Dialogue {
  id: string;
  /** "real" for real logs, otherwise the simulator's name. */
  source: string;
  domain: string;
  /** Pairing key: real and simulated dialogues on the same task share it. */
  scenarioId?: string;
  scenario?: string;
  persona?: string;
  /** True when the user ended the dialogue with a simulator control token (removed from the text). */
  userEndedDialogue?: boolean;
  turns: Turn[];
  aside: AsideMessage[];
  origin: DialogueOrigin;
}

/** A named set of dialogues: a real set or one simulator's output. */
export interface DialogueSet {
  name: string;
  kind: 'real' | 'simulated';
  dialogues: Dialogue[];
  /** sha256 over the input files' bytes, in load order. */
  fingerprints: Array<{ path: string; sha256: string; bytes: number }>;
  format: string;
}

export function userTurnTexts(dialogue: Dialogue): string[] {
  return dialogue.turns.filter((turn) => turn.role === 'user').map((turn) => turn.text);
}
