/**
 * Speed of the trained intent, feedback and identity backends on one core: the 981 realsim real dialogues
 * (6,917 user turns; most are cross-fitted, each by one fold model) and the same dialogues with their text
 * changed by one character (so no content key matches: every turn goes through the mean of the 5 fold
 * models, the path a simulated set takes). Prints user turns per second and CPU time; the target is
 * ≥ 5,000 user turns/s. A benchmark, not a test: run it by hand on an otherwise idle machine.
 *
 *   npm run bench:trained-annotators
 */
import { join, resolve } from 'node:path';
import { loadDimension } from '../src/annotate/dimension-registry.js';
import { createMemoryCache } from '../src/annotate/annotation-cache.js';
import { silentProgress } from '../src/cli/progress-reporter.js';
import { projectRoot } from '../src/core/project-root.js';
import { loadDialogueSet } from '../src/load/load-dialogue-set.js';

const shared = resolve(process.env.REALSIM_SHARED_DATASETS ?? join(projectRoot(), '..', 'shared', 'datasets'));
const real = await loadDialogueSet([join(shared, 'realsim', 'real_dialogues')], { name: 'real', kind: 'real' });
const unseen = real.dialogues.map((dialogue) => ({ ...dialogue, turns: dialogue.turns.map((turn, index) => (index === 0 ? { ...turn, text: `${turn.text} ` } : turn)) }));
const userTurns = real.dialogues.reduce((sum, dialogue) => sum + dialogue.turns.filter((turn) => turn.role === 'user').length, 0);
for (const id of ['intent', 'feedback', 'identity']) {
  const module = await loadDimension(id);
  const annotator = await module.createAnnotator('trained', {});
  for (const [label, dialogues] of [['training dialogues (fold model)', real.dialogues], ['unseen dialogues (5-model mean)', unseen]] as const) {
    const cpuBefore = process.cpuUsage();
    const started = process.hrtime.bigint();
    await annotator.annotate([...dialogues], { cache: createMemoryCache(), progress: silentProgress, options: {} });
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const cpu = process.cpuUsage(cpuBefore);
    process.stdout.write(
      `${id.padEnd(9)} ${label.padEnd(32)} ${userTurns} user turns in ${seconds.toFixed(2)} s wall, ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s CPU: ${Math.round(userTurns / seconds)} user turns/s\n`,
    );
  }
}
