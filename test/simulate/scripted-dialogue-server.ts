import { startChatCompletionsServer, type ChatCompletionsServer, type ChatCompletionsServerOptions, type ChatRequestBody } from '../llm/chat-completions-server.js';

export const USER_MODEL = 'scripted-user';
export const ASSISTANT_MODEL = 'scripted-assistant';

/** What the scripted user sees in a request from the simulator. */
export interface UserTurnRequest {
  /** 1-based number of the user turn being written. */
  turnNumber: number;
  /** The request's sampling seed (the run's seed on a first sample, one more on each resample). */
  seed: number;
  /** The task from the system prompt ("Why you opened the chat: …"). */
  task: string;
  body: ChatRequestBody;
}

/**
 * Reads a user-simulator request: the turn number from the history (flipped: the simulator's own turns
 * are "assistant" messages; unflipped: "user" messages before the closing instruction), the seed, and
 * the task. Independent of src/simulate except for the default template's phrases it looks for.
 */
export function readUserTurnRequest(body: ChatRequestBody): UserTurnRequest {
  const last = body.messages[body.messages.length - 1]?.content ?? '';
  const unflipped = last.startsWith('That is the conversation so far');
  const conversation = body.messages.slice(1);
  const ownTurns = unflipped
    ? conversation.filter((message) => message.role === 'user').length - 1
    : conversation.filter((message) => message.role === 'assistant').length;
  const task = /Why you opened the chat: (.*)\./.exec(body.messages[0]?.content ?? '')?.[1] ?? '';
  return { turnNumber: ownTurns + 1, seed: body.seed ?? 0, task, body };
}

/** The scripted assistant: "answer <n> to: <first 3 words of the last user message>". */
export function scriptedAssistantAnswer(body: ChatRequestBody): string {
  const userMessages = body.messages.filter((message) => message.role === 'user');
  const last = userMessages[userMessages.length - 1]?.content ?? '';
  return `answer ${userMessages.length} to: ${last.split(' ').slice(0, 3).join(' ')}`;
}

/** A loopback server whose USER_MODEL requests go to `user` and every other request to the scripted assistant. */
export function startScriptedDialogueServer(
  user: (request: UserTurnRequest) => string,
  extra: Omit<ChatCompletionsServerOptions, 'answer'> = {},
): Promise<ChatCompletionsServer> {
  return startChatCompletionsServer({
    ...extra,
    answer: (body) => (body.model === USER_MODEL ? user(readUserTurnRequest(body)) : scriptedAssistantAnswer(body)),
  });
}
