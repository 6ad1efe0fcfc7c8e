/**
 * User text inside generated Markdown (PR comments, changelogs) is data: it must not open links,
 * tables, HTML or @-mentions. Everything Markdown could read as inline syntax is escaped
 * (text is never placed at the start of a line, where `#`, `-` or `1.` would matter).
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f\u202a-\u202e\u2066-\u2069]/g, '')
    .replace(/\r?\n|\r|\u2028|\u2029/g, ' ')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/@/g, '&#64;')
    // Emphasis, code, links, tables, strikethrough; parentheses only matter after an (escaped) `]`.
    .replace(/([\\`*_{}[\]|~])/g, '\\$1');
}

/** Inline code: a backtick fence longer than any run of backticks inside. */
export function code(text: string): string {
  const clean = text.replace(/\r?\n|\r/g, ' ');
  const longest = Math.max(0, ...(clean.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = clean.startsWith('`') || clean.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${clean}${pad}${fence}`;
}
