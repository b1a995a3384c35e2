import type { Turn } from '../core/dialogue.js';
import type { ChatMessage } from '../llm/llm-client.js';
import type { TextCompleter } from '../llm/complete-text.js';
import { findTurnViolation, parseUserAnswer, type GuardrailSet } from './check-user-turn.js';
import { emptyGuardrailCounts, type EndedBy, type SimulatedDialogueRecord } from './simulated-dialogue-record.js';
import type { SimulationScenario } from './simulation-scenario.js';
import type { UserPromptTemplate } from './user-prompt-template.js';
import { buildUserSimulatorMessages } from './user-simulator-prompt.js';

export interface DialogueSimulationSettings {
  simulator: string;
  personaMode: string;
  seed: number;
  flipRoles: boolean;
  endToken: string;
  /** Hard stop: the dialogue ends after this many user turns (and the assistant's answer to the last). */
  maximumUserTurns: number;
  /** The prompt offers the end token once the user has written this many turns (and the end-timing guardrail checks it). */
  minimumUserTurnsBeforeEnd: number;
  /** Resamples allowed per user turn; after them the next sample is accepted and counted. */
  maximumRegenerations: number;
  guardrails: GuardrailSet;
  template: UserPromptTemplate;
  /** System prompt of the chatbot under test; undefined = a vanilla model with no system prompt. */
  assistantSystemPrompt: string | undefined;
}

export interface DialogueSimulationClients {
  user: TextCompleter;
  assistant: TextCompleter;
}

/** The seed of sample number `attempt` (0-based) of a user turn: the run's seed plus the attempt. */
export function seedOfAttempt(runSeed: number, attempt: number): number {
  return runSeed + attempt;
}

/**
 * Simulates one dialogue: the user simulator opens, the assistant answers, until the simulator ends
 * with the end token or the dialogue reaches maximumUserTurns. Each user sample is checked by the
 * guardrail set; a refused sample is counted and the same request is sent again with the next seed,
 * up to maximumRegenerations times per turn. Deterministic given the endpoints' answers.
 */
export async function simulateDialogue(
  scenario: SimulationScenario,
  persona: string,
  settings: DialogueSimulationSettings,
  clients: DialogueSimulationClients,
): Promise<SimulatedDialogueRecord> {
  const turns: Turn[] = [];
  const guardrails = emptyGuardrailCounts();
  const attemptsPerUserTurn: number[] = [];
  const usage = { prompt_tokens: 0, completion_tokens: 0 };
  const addUsage = (answer: { usage: { promptTokens: number; completionTokens: number } }) => {
    usage.prompt_tokens += answer.usage.promptTokens;
    usage.completion_tokens += answer.usage.completionTokens;
  };
  const userTexts = () => turns.filter((turn) => turn.role === 'user').map((turn) => turn.text);
  let endedBy: EndedBy = 'max-turns';

  while (userTexts().length < settings.maximumUserTurns) {
    const turnNumber = userTexts().length + 1;
    const messages = buildUserSimulatorMessages(settings.template, {
      scenario: scenario.scenario,
      persona,
      history: turns,
      flipRoles: settings.flipRoles,
      endToken: settings.endToken,
      turnNumber,
      maximumUserTurns: settings.maximumUserTurns,
      minimumUserTurnsBeforeEnd: settings.minimumUserTurnsBeforeEnd,
    });
    let accepted: ReturnType<typeof parseUserAnswer> | undefined;
    let attempt = 0;
    for (; accepted === undefined; attempt += 1) {
      const answer = await clients.user.completeText({
        where: `simulate user ${scenario.scenarioId} turn ${turnNumber}`,
        messages,
        seed: seedOfAttempt(settings.seed, attempt),
      });
      addUsage(answer);
      const candidate = parseUserAnswer(answer.text, settings.endToken);
      const violation = findTurnViolation(candidate, userTexts(), settings.guardrails, settings.minimumUserTurnsBeforeEnd);
      if (violation === undefined) {
        accepted = candidate;
      } else {
        guardrails[violation] += 1;
        if (attempt >= settings.maximumRegenerations) {
          guardrails.accepted_after_cap += 1;
          accepted = candidate;
        } else {
          guardrails.resamples += 1;
        }
      }
    }
    attemptsPerUserTurn.push(attempt);
    if (accepted.ends) {
      // an end token as the very first message still leaves a dialogue: one empty user message
      if (accepted.text !== '' || turns.length === 0) turns.push({ role: 'user', text: accepted.text });
      endedBy = 'end-token';
      break;
    }
    turns.push({ role: 'user', text: accepted.text });
    const assistantMessages: ChatMessage[] = [
      ...(settings.assistantSystemPrompt === undefined ? [] : [{ role: 'system' as const, content: settings.assistantSystemPrompt }]),
      ...turns.map((turn) => ({ role: turn.role, content: turn.text })),
    ];
    const reply = await clients.assistant.completeText({
      where: `simulate assistant ${scenario.scenarioId} turn ${turnNumber}`,
      messages: assistantMessages,
      seed: settings.seed,
    });
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
    prompt_version: settings.template.version,
    guardrail_set: settings.guardrails.name,
    guardrails,
    attempts_per_user_turn: attemptsPerUserTurn,
    usage,
    user_turns: userTexts().length,
    ended_by: endedBy,
    messages: [
      ...(settings.assistantSystemPrompt === undefined ? [] : [{ role: 'system' as const, content: settings.assistantSystemPrompt }]),
      ...turns.map((turn) => ({ role: turn.role, content: turn.text })),
    ],
  };
}
