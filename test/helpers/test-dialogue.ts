import type { AsideMessage, Dialogue, Turn } from '../../src/core/dialogue.js';

/** A real-set Dialogue from explicit turns, for unit tests. */
export function dialogueFromTurns(
  id: string,
  turns: Array<[Turn['role'], string]>,
  options: { aside?: AsideMessage[]; domain?: string } = {},
): Dialogue {
  return {
    id,
    source: 'real',
    domain: options.domain ?? 'test',
    turns: turns.map(([role, text]) => ({ role, text })),
    aside: options.aside ?? [],
    origin: { file: 'memory', format: 'test' },
  };
}

/** A real-set Dialogue whose user turns are given and each answered by the same assistant text. */
export function dialogueFromUserTexts(id: string, userTexts: string[], assistantText = 'answer'): Dialogue {
  return dialogueFromTurns(
    id,
    userTexts.flatMap((text): Array<[Turn['role'], string]> => [
      ['user', text],
      ['assistant', assistantText],
    ]),
  );
}
