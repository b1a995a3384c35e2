/**
 * `npm run demo`: the README's main job. Makes the public data available (npm run data), then writes the
 * realism report of 100 real Chatbot Arena users vs the gemini-2.5-pro simulator (MirrorBench pairs), with the
 * 981 realsim real dialogues summarized by domain, to reports/demo/. Hand labels are used when present
 * (they are not public): then the report also shows annotator validity.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { main } from '../src/cli/main.js';
import { projectRoot } from '../src/core/project-root.js';
import { runDataCommand } from './data.js';

const root = projectRoot();
process.chdir(root);
const dataExitCode = await runDataCommand([]);
if (dataExitCode !== 0) {
  process.exitCode = dataExitCode;
} else {
  const labels = join('datasets', 'reference-labels', 'dev.jsonl');
  const args = [
    'evaluate',
    '--pairs', join('datasets', 'mirrorbench', 'pairs.jsonl'),
    '--real', `realsim=${join('datasets', 'realsim', 'real_dialogues')}`,
    '--domain-map', join('datasets', 'realsim-domains.json'),
    ...(existsSync(labels) ? ['--labels', labels] : []),
    '--out', join('reports', 'demo'),
    ...process.argv.slice(2),
  ];
  process.stderr.write(`realsim ${args.join(' ')}\n`);
  process.exitCode = await main(args);
}
