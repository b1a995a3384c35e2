import type { AsideMessage, Turn } from '../core/dialogue.js';
import { RealsimError, quoteForMessage } from '../core/realsim-error.js';
import { describeJsonValue } from './describe-json-value.js';
import { describeRecordKeys } from './describe-record-keys.js';
import { flattenMessageContent, type LoadNotes } from './flatten-message-content.js';
import { ROLE_CHOICES_TEXT, normalizeMessageRole } from './normalize-message-role.js';
import { removeUserControlTokens } from './remove-control-tokens.js';

/** Field names of one message: { role, content } in most layouts, { from, value } in ShareGPT. */
export interface MessageLayout {
  roleKey: string;
  contentKey: string;
}

export const ROLE_CONTENT_LAYOUT: MessageLayout = { roleKey: 'role', contentKey: 'content' };
export const SHAREGPT_LAYOUT: MessageLayout = { roleKey: 'from', contentKey: 'value' };

function hasToolCall(message: Record<string, unknown>): boolean {
  const calls = message['tool_calls'];
  return (Array.isArray(calls) && calls.length > 0) || (message['function_call'] !== undefined && message['function_call'] !== null);
}

/**
 * Splits a message list into conversational turns (user/assistant) and aside messages (system, tool,
 * function, developer; also assistant messages that only call a tool, i.e. tool_calls with null or
 * empty content, kept aside as role "tool_call" with the calls as JSON). Empty user messages stay turns.
 * Every record must contain at least one user message. Simulator control tokens (###STOP###, …) are
 * removed from user text (removeUserControlTokens); userEndedDialogue says whether there was one.
 */
export function normalizeMessages(
  messages: unknown,
  field: string,
  where: string,
  layout: MessageLayout,
  notes?: LoadNotes,
): { turns: Turn[]; aside: AsideMessage[]; userEndedDialogue: boolean } {
  if (!Array.isArray(messages)) {
    throw new RealsimError('INPUT_INVALID_RECORD', `${where}: expected ${field} to be an array of messages, found ${describeJsonValue(messages)}`);
  }
  const turns: Turn[] = [];
  const aside: AsideMessage[] = [];
  messages.forEach((message: unknown, position) => {
    const messageField = `${field}[${position}]`;
    if (typeof message !== 'object' || message === null || Array.isArray(message)) {
      throw new RealsimError(
        'INPUT_INVALID_RECORD',
        `${where}: expected ${messageField} to be an object with "${layout.roleKey}" and "${layout.contentKey}", found ${describeJsonValue(message)}`,
      );
    }
    const record = message as Record<string, unknown>;
    const rawRole = record[layout.roleKey];
    const roleField = `${messageField}.${layout.roleKey}`;
    if (rawRole === undefined) {
      throw new RealsimError(
        'INPUT_INVALID_RECORD',
        `${where}: expected ${roleField} to be one of ${ROLE_CHOICES_TEXT}, found no "${layout.roleKey}" field (${describeRecordKeys(record)})`,
      );
    }
    const normalized = typeof rawRole === 'string' ? normalizeMessageRole(rawRole) : undefined;
    if (!normalized) {
      const found = typeof rawRole === 'string' ? quoteForMessage(rawRole) : describeJsonValue(rawRole);
      throw new RealsimError('INPUT_INVALID_RECORD', `${where}: expected ${roleField} to be one of ${ROLE_CHOICES_TEXT}, found ${found}`);
    }
    const content = record[layout.contentKey];
    const contentField = `${messageField}.${layout.contentKey}`;
    if (normalized.placement === 'assistant' && hasToolCall(record) && (content === null || content === undefined || content === '')) {
      aside.push({ role: 'tool_call', text: JSON.stringify(record['tool_calls'] ?? record['function_call']), position });
      return;
    }
    if (normalized.placement === 'aside' && (content === null || content === undefined)) {
      aside.push({ role: normalized.role, text: '', position });
      return;
    }
    const text = flattenMessageContent(content, contentField, where, notes);
    if (normalized.placement === 'aside') aside.push({ role: normalized.role, text, position });
    else turns.push({ role: normalized.placement, text });
  });
  if (!turns.some((turn) => turn.role === 'user')) {
    const roles = [...new Set(messages.map((message) => (message as Record<string, unknown>)[layout.roleKey]))];
    const found = messages.length === 0 ? 'an empty array' : `only roles ${roles.map((role) => quoteForMessage(role)).join(', ')}`;
    throw new RealsimError('INPUT_INVALID_RECORD', `${where}: expected ${field} to contain at least one user message, found ${found}`);
  }
  const withoutTokens = removeUserControlTokens(turns);
  return { turns: withoutTokens.turns, aside, userEndedDialogue: withoutTokens.userEndedDialogue };
}
