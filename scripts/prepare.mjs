#!/usr/bin/env node
// npm's "prepare" step: builds dist/ (JavaScript + type declarations) with TypeScript. It runs on `npm ci`,
// `npm install`, `npm pack` and `npm install -g .`. The last one links this folder without installing its
// dependencies, so when TypeScript is missing they are installed here first (scripts ignored, no loop).
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const compiler = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
if (!existsSync(compiler)) {
  const npm = process.env.npm_execpath;
  // the outer `npm install -g` passes its global settings down; this install is a local one
  const env = { ...process.env, npm_config_global: 'false', npm_config_location: 'project' };
  delete env.npm_config_prefix;
  process.stderr.write('realsim prepare: TypeScript is not installed here; installing the dependencies (npm ci --ignore-scripts)\n');
  if (npm) execFileSync(process.execPath, [npm, 'ci', '--ignore-scripts', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit', env });
  else execFileSync('npm', ['ci', '--ignore-scripts', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit', env });
}
execFileSync(process.execPath, [compiler, '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
