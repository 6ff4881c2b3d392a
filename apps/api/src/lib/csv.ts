/**
 * CSV per RFC 4180: CRLF line ends, a cell holding a comma, quote or line break is quoted with its
 * quotes doubled. A cell a spreadsheet would read as a formula (starting with = + - @, a tab or a
 * carriage return) gets a leading ' so opening an export never runs what someone typed into it.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: unknown): string {
  let text = value === null || value === undefined ? "" : typeof value === "object" ? JSON.stringify(value) : String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** A header row of `columns`, then one row per record in that column order. */
export function toCsv<T extends Record<string, unknown>>(columns: ReadonlyArray<keyof T & string>, records: Iterable<T>): string {
  const lines = [columns.map(csvCell).join(",")];
  for (const record of records) lines.push(columns.map((c) => csvCell(record[c])).join(","));
  return `${lines.join("\r\n")}\r\n`;
}
