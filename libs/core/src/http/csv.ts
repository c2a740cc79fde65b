/** Leading characters a spreadsheet reads as a formula (or that start one after a tab/CR). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One CSV cell for a file people open in a spreadsheet: a text that would run as a formula gets a
 * leading apostrophe (shown as text), then RFC 4180 quoting when it holds a separator (`,` or the
 * `;` some locales use), a quote or a line break.
 */
export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`;
  return /[",;\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One CSV record, CRLF-terminated. */
export function csvLine(values: (string | number | null | undefined)[]): string {
  return `${values.map(csvCell).join(',')}\r\n`;
}
