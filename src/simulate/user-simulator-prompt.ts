import type { ChatMessage } from '../llm/llm-client.js';
import type { Turn } from '../core/dialogue.js';

export interface UserPromptInput {
  scenario: string;
  persona: string;
  /** The dialogue so far (user and assistant turns, real roles). */
  history: Turn[];
  /** true: the simulator's own turns are sent as "assistant" and the chatbot's as "user". */
  flipRoles: boolean;
  endToken: string;
  minimumWords: number;
  maximumWords: number;
  /** Why the previous attempt at this turn was refused (a regeneration), or undefined. */
  correction?: string | undefined;
}

/** Version of the prompt text below: part of every output record, so prompt changes are visible. */
export const USER_PROMPT_VERSION = 'user-simulator@1';

/** The system message of the user simulator: who it is, what it wants, how people actually type. */
export function userSimulatorInstructions(input: Pick<UserPromptInput, 'scenario' | 'persona' | 'endToken' | 'minimumWords' | 'maximumWords'>): string {
  const task = input.scenario.replace(/^interacting with a chatbot to\s+/i, '').replace(/[.\s]+$/, '');
  return [
    'You play a person typing to an AI chatbot. You are the person, never the chatbot.',
    `Who you are: ${input.persona}.`,
    `What you came for: ${task}.`,
    '',
    'Rules for every message you write:',
    '- Write only the next message the person sends: no quotation marks, no "User:" label, no notes about yourself.',
    `- Keep it between ${input.minimumWords} and ${input.maximumWords} words, the way people type into a chat box: short, direct, sometimes careless.`,
    '- Work toward your goal over several messages: give missing details when asked, point out what is wrong, ask for changes or the next step.',
    '- Do not thank or praise the chatbot unless the person really would, and never say that you are an AI or role-playing.',
    '- Never repeat your previous message word for word.',
    `- When you have what you came for, or you would give up, reply with ${input.endToken} alone.`,
  ].join('\n');
}

function withCorrection(text: string, correction: string | undefined): string {
  return correction === undefined ? text : `${text}\n\n(Instruction to you, not from the chatbot: ${correction})`;
}

/**
 * The request for the simulator's next user turn. Flipped (default): the chatbot's turns are "user"
 * messages and the simulator's earlier turns "assistant" messages, so the model simply answers the last
 * message; an opening turn gets one "user" message asking for the first message. Unflipped: real roles,
 * then one "user" instruction to write the person's next message. A correction after a refused attempt
 * goes into the last message, so roles still alternate (some chat templates require it).
 */
export function buildUserSimulatorMessages(input: UserPromptInput): ChatMessage[] {
  const system: ChatMessage = { role: 'system', content: userSimulatorInstructions(input) };
  if (input.history.length === 0) {
    return [system, { role: 'user', content: withCorrection('The chat window is open. Write your first message to the chatbot.', input.correction) }];
  }
  if (input.flipRoles) {
    const messages: ChatMessage[] = input.history.map((turn) => ({ role: turn.role === 'user' ? 'assistant' : 'user', content: turn.text }));
    const last = messages[messages.length - 1];
    if (last && last.role === 'user') last.content = withCorrection(last.content, input.correction);
    else messages.push({ role: 'user', content: withCorrection('Write your next message to the chatbot.', input.correction) });
    return [system, ...messages];
  }
  const history: ChatMessage[] = input.history.map((turn) => ({ role: turn.role, content: turn.text }));
  return [
    system,
    ...history,
    {
      role: 'user',
      content: withCorrection(
        'Above is the chat so far: the "user" messages are yours, the "assistant" messages are the chatbot\'s. Write your next message to the chatbot.',
        input.correction,
      ),
    },
  ];
}
