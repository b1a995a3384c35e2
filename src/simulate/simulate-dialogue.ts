import type { Turn } from '../core/dialogue.js';
import type { ChatMessage } from '../llm/llm-client.js';
import type { TextCompleter } from '../llm/complete-text.js';
import { describeViolation, findTurnViolation, parseUserAnswer, type TurnRules } from './check-user-turn.js';
import { emptyGuardrailCounts, type EndedBy, type SimulatedDialogueRecord } from './simulated-dialogue-record.js';
import type { SimulationScenario } from './simulation-scenario.js';
import { USER_PROMPT_VERSION, buildUserSimulatorMessages } from './user-simulator-prompt.js';

export interface DialogueSimulationSettings {
  simulator: string;
  personaMode: string;
  seed: number;
  flipRoles: boolean;
  endToken: string;
  /** Hard stop: the dialogue ends after this many user turns (and the assistant's answer to the last). */
  maximumUserTurns: number;
  /** Regenerations allowed per user turn; after them the next attempt is accepted and counted. */
  maximumRegenerations: number;
  rules: TurnRules;
  /** System prompt of the chatbot under test; undefined = a vanilla model with no system prompt. */
  assistantSystemPrompt: string | undefined;
}

export interface DialogueSimulationClients {
  user: TextCompleter;
  assistant: TextCompleter;
}

/**
 * Simulates one dialogue: the user simulator opens, the assistant answers, until the simulator ends
 * with the end token or the dialogue reaches maximumUserTurns. Each user attempt is checked by the
 * guardrails; a refused attempt is counted and regenerated with a one-line correction, up to
 * maximumRegenerations times per turn. Deterministic given the endpoints' answers.
 */
export async function simulateDialogue(
  scenario: SimulationScenario,
  persona: string,
  settings: DialogueSimulationSettings,
  clients: DialogueSimulationClients,
): Promise<SimulatedDialogueRecord> {
  const turns: Turn[] = [];
  const guardrails = emptyGuardrailCounts();
  const usage = { prompt_tokens: 0, completion_tokens: 0 };
  const addUsage = (answer: { usage: { promptTokens: number; completionTokens: number } }) => {
    usage.prompt_tokens += answer.usage.promptTokens;
    usage.completion_tokens += answer.usage.completionTokens;
  };
  const userTexts = () => turns.filter((turn) => turn.role === 'user').map((turn) => turn.text);
  let endedBy: EndedBy = 'max-turns';

  while (userTexts().length < settings.maximumUserTurns) {
    const turnNumber = userTexts().length + 1;
    let correction: string | undefined;
    let accepted: ReturnType<typeof parseUserAnswer> | undefined;
    for (let regenerations = 0; accepted === undefined; regenerations += 1) {
      const answer = await clients.user.completeText({
        where: `simulate user ${scenario.scenarioId} turn ${turnNumber}`,
        messages: buildUserSimulatorMessages({
          scenario: scenario.scenario,
          persona,
          history: turns,
          flipRoles: settings.flipRoles,
          endToken: settings.endToken,
          minimumWords: settings.rules.minimumWords,
          maximumWords: settings.rules.maximumWords,
          correction,
        }),
      });
      addUsage(answer);
      const candidate = parseUserAnswer(answer.text, settings.endToken);
      const violation = findTurnViolation(candidate, userTexts(), settings.rules);
      if (violation === undefined) {
        accepted = candidate;
      } else {
        guardrails[violation] += 1;
        if (regenerations >= settings.maximumRegenerations) {
          guardrails.accepted_after_cap += 1;
          accepted = candidate;
        } else {
          guardrails.regenerations += 1;
          correction = describeViolation(violation, settings.rules, settings.endToken);
        }
      }
    }
    if (accepted.ends) {
      if (accepted.text !== '') turns.push({ role: 'user', text: accepted.text });
      endedBy = 'end-token';
      break;
    }
    turns.push({ role: 'user', text: accepted.text });
    const assistantMessages: ChatMessage[] = [
      ...(settings.assistantSystemPrompt === undefined ? [] : [{ role: 'system' as const, content: settings.assistantSystemPrompt }]),
      ...turns.map((turn) => ({ role: turn.role, content: turn.text })),
    ];
    const reply = await clients.assistant.completeText({ where: `simulate assistant ${scenario.scenarioId} turn ${turnNumber}`, messages: assistantMessages });
    addUsage(reply);
    turns.push({ role: 'assistant', text: reply.text.trim() });
  }

  return {
    id: `${settings.simulator}/${scenario.scenarioId}`,
    scenario_id: scenario.scenarioId,
    domain: scenario.domain,
    scenario: scenario.scenario,
    persona,
    persona_mode: settings.personaMode,
    simulator: settings.simulator,
    user_model: clients.user.settings.model,
    assistant_model: clients.assistant.settings.model,
    seed: settings.seed,
    flip_roles: settings.flipRoles,
    prompt_version: USER_PROMPT_VERSION,
    guardrails,
    usage,
    user_turns: userTexts().length,
    ended_by: endedBy,
    messages: [
      ...(settings.assistantSystemPrompt === undefined ? [] : [{ role: 'system' as const, content: settings.assistantSystemPrompt }]),
      ...turns.map((turn) => ({ role: turn.role, content: turn.text })),
    ],
  };
}
