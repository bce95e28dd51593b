import { csvBom, csvRow, type CsvSeparator } from "@/lib/datasheets/export-csv";

/*
 * The failed rows of an import, downloadable: the row number, each problem ("column: reason"),
 * then the row's own cells under the file's own headers, so a user can fix them and import the file
 * again. Through the export's cell writer: a cell that would start a formula gets an apostrophe.
 */

export interface FailedRow {
  rowNumber: number;
  cells: readonly string[];
  /** Already in words: "E-mail: Enter a valid email address." */
  reasons: readonly string[];
}

/** The file line by line, for a download that streams however many rows failed. */
export async function* failedRowsCsvLines(
  headers: readonly string[],
  rows: AsyncIterable<FailedRow>,
  labels: { row: string; reason: string },
  separator: CsvSeparator = ",",
): AsyncGenerator<string> {
  yield csvBom + csvRow([labels.row, labels.reason, ...headers], separator);
  for await (const row of rows) yield csvRow([row.rowNumber, row.reasons.join("; "), ...row.cells], separator);
}

export function failedRowsCsv(
  headers: readonly string[],
  rows: Iterable<FailedRow>,
  labels: { row: string; reason: string },
  separator: CsvSeparator = ",",
): string {
  let out = csvBom + csvRow([labels.row, labels.reason, ...headers], separator);
  for (const row of rows) out += csvRow([row.rowNumber, row.reasons.join("; "), ...row.cells], separator);
  return out;
}
