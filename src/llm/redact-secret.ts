/**
 * Replaces every occurrence of a secret (and of its Bearer header form) in a text with "[redacted]".
 * Used on every message the LLM client turns into an error, so a server or SDK echoing the key cannot
 * leak it into logs or reports. Secrets shorter than 4 characters are not searched (they would match
 * ordinary text) and cannot be meaningful keys.
 */
export function redactSecret(text: string, secret: string): string {
  if (secret.length < 4) return text;
  return text.split(secret).join('[redacted]');
}
