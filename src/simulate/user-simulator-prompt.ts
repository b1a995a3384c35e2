import type { ChatMessage } from '../llm/llm-client.js';
import type { Turn } from '../core/dialogue.js';
import { renderTemplateSection, type TemplateSection, type TemplateValues, type UserPromptTemplate } from './user-prompt-template.js';

export interface UserPromptInput {
  scenario: string;
  persona: string;
  /** The dialogue so far (user and assistant turns, real roles). */
  history: Turn[];
  /** true: the simulator's own turns are sent as "assistant" and the chatbot's as "user". */
  flipRoles: boolean;
  endToken: string;
  /** 1-based number of the user turn being written. */
  turnNumber: number;
  maximumUserTurns: number;
  /** The may-end instruction is used once the user has written at least this many turns. */
  minimumUserTurnsBeforeEnd: number;
}

/** The task without the scenario's "interacting with a chatbot to" opening or its final full stop. */
export function taskOfScenario(scenario: string): string {
  return scenario.replace(/^interacting with a chatbot to\s+/i, '').replace(/[.\s]+$/, '');
}

/** The phase of a turn: the opening turn, a turn before an end is allowed, or one where the user may end. */
export function phaseOfTurn(turnNumber: number, minimumUserTurnsBeforeEnd: number): TemplateSection {
  if (turnNumber === 1) return 'first-turn';
  return turnNumber - 1 >= minimumUserTurnsBeforeEnd ? 'may-end' : 'continue';
}

/** The dialogue as text for {{history}}: "User: …" and "Assistant: …" lines, or "(no messages yet)". */
export function historyAsText(history: readonly Turn[]): string {
  if (history.length === 0) return '(no messages yet)';
  return history.map((turn) => `${turn.role === 'user' ? 'User' : 'Assistant'}: ${turn.text}`).join('\n');
}

export function templateValues(input: UserPromptInput): TemplateValues {
  return {
    scenario: input.scenario,
    task: taskOfScenario(input.scenario),
    persona: input.persona,
    history: historyAsText(input.history),
    turn_number: String(input.turnNumber),
    max_turns: String(input.maximumUserTurns),
    end_token: input.endToken,
    end_after_turn: String(input.minimumUserTurnsBeforeEnd),
  };
}

/**
 * The request for the simulator's next user turn. The system message is the template's system section
 * followed by the phase instruction (first-turn, continue or may-end). Flipped (default): the chatbot's
 * turns are "user" messages and the simulator's earlier turns "assistant" messages, so the model simply
 * answers the last message; with no history yet it answers the opening-message. Unflipped: real roles,
 * then the unflipped-next-message. A template using {{history}} gets no history messages, only the
 * opening-message. The same input always gives the same messages (a resample changes only the seed).
 */
export function buildUserSimulatorMessages(template: UserPromptTemplate, input: UserPromptInput): ChatMessage[] {
  const values = templateValues(input);
  const render = (section: TemplateSection) => renderTemplateSection(template.sections[section], values);
  const system: ChatMessage = { role: 'system', content: `${render('system')}\n\n${render(phaseOfTurn(input.turnNumber, input.minimumUserTurnsBeforeEnd))}` };
  if (input.history.length === 0 || template.usesHistoryVariable) return [system, { role: 'user', content: render('opening-message') }];
  if (input.flipRoles) {
    return [system, ...input.history.map((turn): ChatMessage => ({ role: turn.role === 'user' ? 'assistant' : 'user', content: turn.text }))];
  }
  return [system, ...input.history.map((turn): ChatMessage => ({ role: turn.role, content: turn.text })), { role: 'user', content: render('unflipped-next-message') }];
}
