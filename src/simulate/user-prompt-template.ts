import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { projectRoot } from '../core/project-root.js';
import { RealsimError, quoteForMessage } from '../core/realsim-error.js';

/** The parts of a user-simulator template, each opened by a line `[[name]]`. */
export const TEMPLATE_SECTIONS = ['system', 'first-turn', 'continue', 'may-end', 'opening-message', 'unflipped-next-message'] as const;
export type TemplateSection = (typeof TEMPLATE_SECTIONS)[number];
/** may-end may be left out: the continue instruction is then used for every later turn. */
const OPTIONAL_SECTIONS: ReadonlySet<TemplateSection> = new Set(['may-end']);

/** What `{{name}}` can stand for in a template. */
export const TEMPLATE_VARIABLES = ['scenario', 'task', 'persona', 'history', 'turn_number', 'max_turns', 'end_token', 'end_after_turn'] as const;
export type TemplateVariable = (typeof TEMPLATE_VARIABLES)[number];
export type TemplateValues = Record<TemplateVariable, string>;

export interface UserPromptTemplate {
  /** "<file name>@<first 12 hex of sha256 of the text>": written into every simulated record. */
  version: string;
  sections: Record<TemplateSection, string>;
  /** True when a section uses {{history}}: the dialogue is then sent inside the prompt, not as chat messages. */
  usesHistoryVariable: boolean;
}

export const DEFAULT_USER_PROMPT_FILE = 'user-simulator.txt';

/** The folder of the shipped templates (src/simulate/prompts in the package; tsc does not copy text files). */
export function shippedPromptFolder(): string {
  return join(projectRoot(), 'src', 'simulate', 'prompts');
}

const SECTION_HEADER = /^\[\[([a-z-]+)\]\]\s*$/;
const VARIABLE = /\{\{\s*([^{}]*?)\s*\}\}/g;

/**
 * Reads a template: notes before the first `[[section]]` line are dropped; each section's text runs to
 * the next header, trimmed. Unknown sections or variables, a section given twice, or a required one
 * missing are errors naming the file and line.
 */
export function parseUserPromptTemplate(text: string, path: string): UserPromptTemplate {
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  const collected = new Map<TemplateSection, string[]>();
  let current: TemplateSection | undefined;
  for (const [index, line] of lines.entries()) {
    const where = `${path} line ${index + 1}`;
    const header = SECTION_HEADER.exec(line);
    if (header) {
      const name = header[1] as string;
      if (!(TEMPLATE_SECTIONS as readonly string[]).includes(name)) {
        throw new RealsimError('INPUT_INVALID_RECORD', `${where}: expected a section ${TEMPLATE_SECTIONS.map((section) => `[[${section}]]`).join(', ')}, found ${quoteForMessage(line)}`);
      }
      if (collected.has(name as TemplateSection)) throw new RealsimError('INPUT_INVALID_RECORD', `${where}: expected each section once, found [[${name}]] again`);
      current = name as TemplateSection;
      collected.set(current, []);
      continue;
    }
    if (current === undefined) continue;
    for (const match of line.matchAll(VARIABLE)) {
      if (!(TEMPLATE_VARIABLES as readonly string[]).includes(match[1] as string)) {
        throw new RealsimError('INPUT_INVALID_RECORD', `${where}: expected a variable ${TEMPLATE_VARIABLES.map((name) => `{{${name}}}`).join(', ')}, found ${quoteForMessage(match[0])}`);
      }
    }
    collected.get(current)?.push(line);
  }
  const sections = {} as Record<TemplateSection, string>;
  for (const section of TEMPLATE_SECTIONS) {
    const body = collected.get(section)?.join('\n').trim();
    if (body === undefined || body === '') {
      if (OPTIONAL_SECTIONS.has(section)) continue;
      throw new RealsimError('INPUT_INVALID_RECORD', `${path} line ${lines.length}: expected a non-empty section [[${section}]], found none`);
    }
    sections[section] = body;
  }
  sections['may-end'] ??= sections.continue;
  const usesHistoryVariable = Object.values(sections).some((body) => /\{\{\s*history\s*\}\}/.test(body));
  const version = `${basename(path)}@${createHash('sha256').update(text).digest('hex').slice(0, 12)}`;
  return { version, sections, usesHistoryVariable };
}

/** The template at `path` (--user-prompt), or the shipped default when undefined. */
export function loadUserPromptTemplate(path: string | undefined): UserPromptTemplate {
  const file = path ?? join(shippedPromptFolder(), DEFAULT_USER_PROMPT_FILE);
  if (!existsSync(file)) throw new RealsimError('INPUT_NOT_FOUND', `--user-prompt: expected a template file, found nothing at ${quoteForMessage(file)}`);
  return parseUserPromptTemplate(readFileSync(file, 'utf8'), path === undefined ? DEFAULT_USER_PROMPT_FILE : file);
}

/** Replaces every {{variable}} in one section (values are inserted as they are, never re-read as variables). */
export function renderTemplateSection(body: string, values: TemplateValues): string {
  return body.replace(VARIABLE, (_whole, name: string) => values[name as TemplateVariable]);
}
