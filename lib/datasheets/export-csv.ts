/*
 * CSV for spreadsheets. Excel reads UTF-8 only with a byte-order mark; a cell that starts with
 * `=`, `+`, `-`, `@`, a tab or a carriage return would be run as a formula ("CSV injection"), so it
 * gets a leading apostrophe, which spreadsheets show as text. A plain number ("-12.5", "-12,5") is left as
 * it is: it cannot be a formula, and stays a number.
 */

export const csvBom = "\uFEFF";

const formulaStart = /^[=+\-@\t\r]/;
const plainNumber = /^-?\d+([.,]\d+)?$/;

/**
 * The cell separator: "," where the decimal mark is a point, ";" where it is a comma (Hungarian
 * Excel splits a file on ";", and a comma inside "1234,5" must not start a new cell).
 */
export type CsvSeparator = "," | ";";

export function escapeCsvCell(value: string | number | boolean | null | undefined, separator: CsvSeparator = ","): string {
  if (value === null || value === undefined) return "";
  let text = String(value);
  if (formulaStart.test(text) && !plainNumber.test(text)) text = `'${text}`;
  return text.includes(separator) || /["\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvRow(cells: readonly (string | number | boolean | null | undefined)[], separator: CsvSeparator = ","): string {
  return `${cells.map((cell) => escapeCsvCell(cell, separator)).join(separator)}\r\n`;
}
