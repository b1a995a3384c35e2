import { hashSelects, type ServerFault } from './chat-completions-server.js';

export const FAULT_ROTATION: ServerFault[] = ['rate-limit', 'server-error', 'hang', 'malformed-body', 'truncated', 'wrong-tags', 'not-json'];

/**
 * The fault kind for one selected attempt, from the body hash alone (arrival order varies with the machine).
 * Second attempts never hang: a hang lasts the whole client timeout, and two in a row would double it.
 */
function faultKindFor(bodyHash: string, attemptForBody: number): ServerFault {
  const kinds = attemptForBody === 1 ? FAULT_ROTATION : FAULT_ROTATION.filter((kind) => kind !== 'hang');
  const kindNumber = kinds.findIndex((_, index) => hashSelects(bodyHash, Math.round((100 * (index + 1)) / kinds.length), `kind-${attemptForBody}`));
  return kinds[kindNumber] as ServerFault;
}

/**
 * 30% of request bodies (chosen by hash) fail on their first attempt and 30% of those again on the second;
 * the kind of each fault also comes from the hash, so the same bodies get the same faults on any machine
 * and at any concurrency: the number of requests a run sends is a function of its inputs only.
 */
export function thirtyPercentFaults(): (question: { bodyHash: string; attemptForBody: number }) => ServerFault | undefined {
  return ({ bodyHash, attemptForBody }) => {
    if (attemptForBody > 2 || !hashSelects(bodyHash, 30, `attempt-${attemptForBody}`)) return undefined;
    return faultKindFor(bodyHash, attemptForBody);
  };
}
