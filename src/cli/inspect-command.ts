import type { Command } from 'commander';
import type { DialogueSet } from '../core/dialogue.js';
import { loadDialogueSet } from '../load/load-dialogue-set.js';
import { loadPairFile } from '../load/load-pair-file.js';
import { loadDomainMap } from '../load/load-domain-map.js';
import { parseFormat } from './evaluate-command.js';

function countWords(text: string): number {
  const trimmed = text.trim();
  return trimmed.length === 0 ? 0 : trimmed.split(/\s+/).length;
}

/** Pure: a plain-text summary of one dialogue set. */
export function describeDialogueSet(set: DialogueSet): string {
  const userTurns = set.dialogues.flatMap((dialogue) => dialogue.turns.filter((turn) => turn.role === 'user'));
  const assistantTurns = set.dialogues.reduce((total, dialogue) => total + dialogue.turns.filter((turn) => turn.role === 'assistant').length, 0);
  const emptyUserTurns = userTurns.filter((turn) => turn.text.trim().length === 0).length;
  const words = userTurns.reduce((total, turn) => total + countWords(turn.text), 0);
  const aside = set.dialogues.reduce((total, dialogue) => total + dialogue.aside.length, 0);
  const withScenario = set.dialogues.filter((dialogue) => dialogue.scenarioId !== undefined).length;
  const domains = new Map<string, number>();
  for (const dialogue of set.dialogues) domains.set(dialogue.domain, (domains.get(dialogue.domain) ?? 0) + 1);
  const n = set.dialogues.length;
  const lines = [
    `${set.name} (${set.kind}, format ${set.format}, ${set.fingerprints.length} file${set.fingerprints.length === 1 ? '' : 's'})`,
    `  dialogues: ${n}`,
    `  user turns: ${userTurns.length} (${emptyUserTurns} empty), ${n > 0 ? (userTurns.length / n).toFixed(2) : '–'} per dialogue`,
    `  assistant turns: ${assistantTurns}; system/tool messages kept aside: ${aside}`,
    `  user words (whitespace): ${words}, ${n > 0 ? (words / n).toFixed(2) : '–'} per dialogue`,
    `  with scenario id: ${withScenario}`,
    `  domains (${domains.size}): ${[...domains].sort((a, b) => a[0].localeCompare(b[0])).map(([domain, count]) => `${domain} ${count}`).join(', ')}`,
  ];
  return lines.join('\n');
}

export function registerInspectCommand(program: Command): void {
  program
    .command('inspect')
    .description('print a summary of a dialogue file, folder or pair file')
    .argument('<path...>', 'files or folders')
    .option('--pairs', 'read the path as a pair file (real + simulated per record)')
    .option('--format <format>', 'input format override')
    .option('--domain-map <file>', 'JSON map of file stems/domains to merged domains')
    .action(async (paths: string[], options: { pairs?: boolean; format?: string; domainMap?: string }) => {
      const domainMap = options.domainMap ? await loadDomainMap(options.domainMap) : undefined;
      const format = parseFormat(options.format);
      const sets: DialogueSet[] = [];
      if (options.pairs) {
        for (const path of paths) {
          const pair = await loadPairFile(path, { ...(domainMap ? { domainMap } : {}) });
          sets.push(pair.real, pair.simulated);
        }
      } else {
        sets.push(
          await loadDialogueSet(paths, {
            name: 'input',
            kind: 'real',
            ...(format ? { format } : {}),
            ...(domainMap ? { domainMap } : {}),
          }),
        );
      }
      process.stdout.write(`${sets.map(describeDialogueSet).join('\n\n')}\n`);
    });
}
