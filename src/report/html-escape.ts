/**
 * Escapes text for HTML element content and double- or single-quoted attribute values. Every string that
 * comes from report data (set names, file paths, descriptions, warnings) goes through this before it
 * reaches report.html: dialogue-derived text may hold `<script>`, `<img onerror=…>` or markdown.
 */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}
