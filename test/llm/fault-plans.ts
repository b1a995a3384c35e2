import { hashSelects, type ServerFault } from './chat-completions-server.js';

export const FAULT_ROTATION: ServerFault[] = ['rate-limit', 'server-error', 'hang', 'malformed-body', 'truncated', 'wrong-tags', 'not-json'];

/**
 * 30% of request bodies (chosen by hash) fail on their first attempt and 30% of those again on the second;
 * the kinds rotate through every fault in arrival order, so each kind occurs once ten or more faults happen.
 */
export function thirtyPercentFaults(): (question: { bodyHash: string; attemptForBody: number }) => ServerFault | undefined {
  let faultNumber = 0;
  return ({ bodyHash, attemptForBody }) => {
    if (attemptForBody > 2 || !hashSelects(bodyHash, 30, `attempt-${attemptForBody}`)) return undefined;
    const kind = FAULT_ROTATION[faultNumber % FAULT_ROTATION.length];
    faultNumber += 1;
    return kind;
  };
}
