import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { RealsimError, quoteForMessage } from '../core/realsim-error.js';

export const PERSONA_MODES = ['generic', 'informed'] as const;
export type PersonaMode = (typeof PERSONA_MODES)[number];
export const GENERIC_PERSONA = 'a human user';
export const INFORMED_PERSONA_FILE = 'generated_informed_persona.json';

/** Candidate personas per scenario key: { "<scenario id>": ["persona", …] }. */
export type PersonaCandidates = Record<string, string[]>;

export function parsePersonaMode(value: string): PersonaMode {
  if (!(PERSONA_MODES as readonly string[]).includes(value)) {
    throw new RealsimError('USAGE', `--persona: expected one of ${PERSONA_MODES.map((mode) => `"${mode}"`).join(', ')}, found ${quoteForMessage(value)}`);
  }
  return value as PersonaMode;
}

/**
 * Reads a persona file { "<scenario id>": ["persona", …] }. Candidates are trimmed and blank ones dropped
 * (the realsim file has one list with empty entries); a key left with none fails only when it is used.
 */
export function loadPersonaCandidates(path: string): PersonaCandidates {
  if (!existsSync(path)) throw new RealsimError('INPUT_NOT_FOUND', `--personas: expected a persona file, found nothing at ${quoteForMessage(path)}`);
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    throw new RealsimError('INPUT_INVALID_JSON', `${path}: expected JSON { "<scenario id>": ["persona", …] }, found text that is not JSON`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new RealsimError('INPUT_INVALID_RECORD', `${path}: expected an object { "<scenario id>": ["persona", …] }, found ${quoteForMessage(value)}`);
  }
  const candidates: PersonaCandidates = {};
  for (const [key, list] of Object.entries(value)) {
    if (!Array.isArray(list) || !list.every((candidate) => typeof candidate === 'string')) {
      throw new RealsimError('INPUT_INVALID_RECORD', `${path} key ${quoteForMessage(key)}: expected a list of persona strings, found ${quoteForMessage(list)}`);
    }
    candidates[key] = (list as string[]).map((candidate) => candidate.trim()).filter((candidate) => candidate !== '');
  }
  return candidates;
}

/** The persona file used when --personas is not given: generated_informed_persona.json beside the scenarios file. */
export function defaultPersonaPath(scenariosPath: string): string | undefined {
  const candidate = join(dirname(scenariosPath), INFORMED_PERSONA_FILE);
  return existsSync(candidate) ? candidate : undefined;
}

/**
 * The persona for one scenario. generic: always "a human user". informed: candidate number
 * (first 32 bits of sha256("<seed>\0<scenario id>")) mod (number of candidates), so the choice depends
 * only on the seed and the scenario, not on order, concurrency or which scenarios were already done.
 */
export function choosePersona(mode: PersonaMode, scenarioId: string, seed: number, candidates: PersonaCandidates | undefined): string {
  if (mode === 'generic') return GENERIC_PERSONA;
  const list = candidates?.[scenarioId];
  if (!list || list.length === 0) {
    throw new RealsimError('INPUT_INVALID_RECORD', `--persona informed: expected candidate personas for scenario ${quoteForMessage(scenarioId)} in the persona file, found none`);
  }
  const hash = createHash('sha256').update(`${seed}\u0000${scenarioId}`).digest();
  return list[hash.readUInt32BE(0) % list.length] as string;
}
