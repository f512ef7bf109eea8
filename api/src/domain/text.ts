/** Text cleaning shared by every source of text: well-formed Unicode, no control characters. */

/** Makes a string well-formed Unicode without control characters (tabs and newlines kept). */
export function cleanText(s: string): string {
  return s.toWellFormed().replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '');
}

/** A single-line text field: cleaned, whitespace folded, trimmed. */
export function cleanLine(s: string | undefined): string {
  return s === undefined ? '' : cleanText(s).replace(/\s+/g, ' ').trim();
}
