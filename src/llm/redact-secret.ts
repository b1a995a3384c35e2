/**
 * Removes what must never leave the process from a text: every occurrence of the API key (so also its
 * Bearer header form) and the user:password@ part of every URL in it. Applied to every text the LLM path
 * prints, stores or writes — error messages, completion text written by `simulate` — and always to the
 * whole text BEFORE any truncation, so a key that straddles a cut cannot survive in part. Secrets shorter
 * than 4 characters are not searched (they would match ordinary text) and cannot be meaningful keys.
 */
export function redactSecret(text: string, secret: string): string {
  const withoutCredentials = text.replace(/\b([a-z][a-z0-9+.-]*:\/\/)[^\s@/?#]+@/gi, '$1');
  if (secret.length < 4) return withoutCredentials;
  return withoutCredentials.split(secret).join('[redacted]');
}
