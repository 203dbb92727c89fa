/** Reading a calendar file (RFC 5545) back in tests: its content lines, unfolded, as name → value. */
export function icsLines(text: string): Map<string, string> {
  const unfolded = text.replace(/\r?\n[ \t]/g, '');
  const lines = new Map<string, string>();
  for (const line of unfolded.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    // The first of a name counts (the event's lines come before any alarm's).
    if (colon > 0 && !lines.has(line.slice(0, colon))) lines.set(line.slice(0, colon), line.slice(colon + 1));
  }
  return lines;
}
