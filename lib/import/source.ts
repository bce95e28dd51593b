import "server-only";
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import { pipeline } from "node:stream";
import chardet from "chardet";
import { parse } from "csv-parse";
import { parse as parseSync } from "csv-parse/sync";
import ExcelJS from "exceljs";
import iconv from "iconv-lite";

/*
 * Reading an uploaded file as rows, as a stream: memory stays flat however long the file is.
 * CSV (and pasted text) is decoded from its encoding (UTF-8 with or without a byte-order mark,
 * Windows-1250, ISO-8859-2 — detected with chardet, changeable), split on its delimiter (`;`, `,` or
 * tab — detected, changeable) by csv-parse, with quoted cells that hold delimiters and line breaks;
 * XLSX by exceljs's streaming reader, the first sheet or a chosen one — read through once, by the
 * validation report, which writes the sheet's rows out as CSV for the job to read in runs like any
 * CSV (SheetRowsWriter). Row numbers are the spreadsheet's own (the header row is row 1).
 */

export const encodings = ["utf-8", "windows-1250", "iso-8859-2"] as const;
export type Encoding = (typeof encodings)[number];
export const delimiters = [";", ",", "\t"] as const;
export type Delimiter = (typeof delimiters)[number];
export type Format = "csv" | "xlsx";

export interface ReadOptions {
  format: Format;
  encoding: Encoding;
  delimiter: Delimiter;
  /** XLSX: the sheet's position (0-based). */
  sheet: number;
}

export interface SourceRow {
  rowNumber: number;
  cells: string[];
}

const SAMPLE_BYTES = 64 * 1024;

/** The first bytes of a file: enough to detect its kind, encoding and delimiter. */
export async function readSample(file: string, bytes = SAMPLE_BYTES): Promise<Buffer> {
  const handle = await fs.promises.open(file, "r");
  try {
    const buffer = Buffer.alloc(bytes);
    const { bytesRead } = await handle.read(buffer, 0, bytes, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** An XLSX file is a zip archive: it starts with "PK\x03\x04". */
export function isZip(sample: Buffer): boolean {
  return sample.length >= 4 && sample[0] === 0x50 && sample[1] === 0x4b && sample[2] === 0x03 && sample[3] === 0x04;
}

/**
 * UTF-8 when the sample has a byte-order mark or decodes as UTF-8; otherwise what chardet sees,
 * taken to the Central European code page Hungarian exports use (chardet often names ISO-8859-1 or
 * Windows-1252 for Hungarian text: the two agree on every Hungarian letter but ő and ű, which only
 * the Central European pages have).
 */
export function detectEncoding(sample: Buffer): Encoding {
  if (sample.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]))) return "utf-8";
  if (isUtf8(sample)) return "utf-8";
  const guess = (chardet.detect(sample) ?? "").toLowerCase();
  if (guess === "iso-8859-2") return "iso-8859-2";
  return "windows-1250";
}

/** Valid UTF-8, allowing a character cut off at the end of the sample. */
function isUtf8(sample: Buffer): boolean {
  for (let cut = 0; cut < 4 && cut < sample.length; cut++) {
    try {
      new TextDecoder("utf-8", { fatal: true }).decode(sample.subarray(0, sample.length - cut));
      return true;
    } catch {
      // A multi-byte character cut at the sample's end: try without its first bytes.
    }
  }
  return sample.length === 0;
}

export function decodeSample(sample: Buffer, encoding: Encoding): string {
  return iconv.decode(sample, encoding).replace(/^\uFEFF/, "");
}

/** Rows of a sample by one delimiter, strictly quoted or not; a sample cut inside a quoted cell loses its last, unfinished lines. */
function sampleRows(text: string, delimiter: Delimiter, isComplete: boolean, isRelaxed: boolean): string[][] | null {
  let sample = text;
  for (let tries = 0; tries < 5; tries++) {
    try {
      return parseSync(sample, { delimiter, relax_column_count: true, relax_quotes: isRelaxed, skip_empty_lines: true, to: 200 }) as string[][];
    } catch {
      if (isComplete) return null;
      const cut = sample.lastIndexOf("\n");
      if (cut <= 0) return null;
      sample = sample.slice(0, cut);
    }
  }
  return null;
}

/**
 * The delimiter that splits the sample into the same number of cells most often, with more than
 * one cell: each candidate parsed by csv-parse itself with strict quoting, so quoted delimiters do
 * not count and a delimiter that breaks the quotes loses. A tie goes to tab (a paste from a
 * spreadsheet), then `;`, then `,`. A text whose quotes no delimiter parses strictly (a cell such as
 * `=HYPERLINK("…")` pasted as it is) is read with relaxed quotes, as the file will be.
 * `isComplete`: the text is the whole file, not its first bytes.
 */
export function detectDelimiter(text: string, isComplete = true): Delimiter {
  return bestDelimiter(text, isComplete, false) ?? bestDelimiter(text, isComplete, true) ?? ",";
}

function bestDelimiter(text: string, isComplete: boolean, isRelaxed: boolean): Delimiter | null {
  let best: { delimiter: Delimiter; score: number } | null = null;
  for (const delimiter of ["\t", ";", ","] as const) {
    const rows = sampleRows(isComplete ? text : text.slice(0, text.lastIndexOf("\n") + 1) || text, delimiter, isComplete, isRelaxed);
    if (!rows) continue;
    const counts = new Map<number, number>();
    for (const row of rows) counts.set(row.length, (counts.get(row.length) ?? 0) + 1);
    const [width, times] = [...counts].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0] ?? [1, 0];
    const score = width > 1 ? times * 1000 + width : 0;
    if (score > 0 && (!best || score > best.score)) best = { delimiter, score };
  }
  return best?.delimiter ?? null;
}

/** The sheet names of an XLSX file, in order (the streaming reader: the workbook is not loaded whole). */
export async function xlsxSheetNames(file: string): Promise<string[]> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, {
    worksheets: "emit",
    sharedStrings: "cache",
    hyperlinks: "ignore",
    styles: "ignore",
    entries: "ignore",
  });
  const names: string[] = [];
  for await (const sheet of reader) {
    const ws = sheet as unknown as { name?: string; id?: number };
    names.push(ws.name ?? `Sheet ${names.length + 1}`);
    // Read to the end: exceljs removes the temporary files of a workbook it was not read through
    // while its streams still open them (an uncaught ENOENT).
    for await (const _row of sheet as AsyncIterable<unknown>) void _row;
  }
  return names;
}

/** A cell of exceljs as the text a user sees: dates as YYYY-MM-DD (or an ISO time), formulas by their result. */
export function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) {
    const iso = value.toISOString();
    return iso.endsWith("T00:00:00.000Z") ? iso.slice(0, 10) : iso;
  }
  if (typeof value === "object") {
    if ("richText" in value) return value.richText.map((r) => r.text).join("");
    if ("formula" in value || "sharedFormula" in value) return cellText((value as { result?: ExcelJS.CellValue }).result ?? null);
    if ("hyperlink" in value) return String((value as { text?: unknown }).text ?? value.hyperlink);
    if ("error" in value) return "";
    return String(value);
  }
  return String(value);
}

/**
 * Streams joined so that a failure of any (the file gone, unreadable) ends the last one with that
 * error: the reader's loop rejects, where `.pipe` would leave it unhandled and crash the process.
 */
function piped(...streams: [NodeJS.ReadableStream, ...NodeJS.ReadWriteStream[]]): NodeJS.ReadableStream {
  return pipeline(streams, () => {}) as unknown as NodeJS.ReadableStream;
}

async function* readCsv(file: string, options: ReadOptions): AsyncGenerator<SourceRow> {
  const parser = piped(
    fs.createReadStream(file),
    iconv.decodeStream(options.encoding, { stripBOM: true }),
    parse({ delimiter: options.delimiter, relax_column_count: true, relax_quotes: true, bom: true, skip_empty_lines: false }),
  );
  let rowNumber = 0;
  for await (const record of parser as AsyncIterable<string[]>) {
    rowNumber++;
    yield { rowNumber, cells: record };
  }
}

async function* readXlsx(file: string, options: ReadOptions): AsyncGenerator<SourceRow> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, {
    worksheets: "emit",
    sharedStrings: "cache",
    hyperlinks: "cache",
    styles: "cache",
    entries: "emit",
  });
  let index = 0;
  // Every sheet is read to the end, the others too (see xlsxSheetNames).
  for await (const sheet of reader) {
    const isChosen = index++ === options.sheet;
    for await (const row of sheet as AsyncIterable<ExcelJS.Row>) {
      if (!isChosen) continue;
      const values = Array.isArray(row.values) ? row.values.slice(1) : [];
      yield { rowNumber: row.number, cells: Array.from(values, (v) => cellText(v ?? null)) };
    }
  }
}

/** A sheet's rows written out by writeSheetRows: each record its row number, then its cells. */
async function* readSheetRows(file: string): AsyncGenerator<SourceRow> {
  const parser = piped(fs.createReadStream(file), parse({ relax_column_count: true }));
  for await (const record of parser as AsyncIterable<string[]>) yield { rowNumber: Number(record[0]), cells: record.slice(1) };
}

/**
 * Every row of the file from `fromRow` on (the rows before it are read and passed over). An XLSX
 * file is read from its sheet's rows as CSV when `sheetRows` names them (the job), else from the
 * workbook itself.
 */
export async function* readRows(file: string, options: ReadOptions, fromRow = 1, sheetRows?: string): AsyncGenerator<SourceRow> {
  const rows = options.format === "csv" ? readCsv(file, options) : sheetRows ? readSheetRows(sheetRows) : readXlsx(file, options);
  for await (const row of rows) if (row.rowNumber >= fromRow) yield row;
}

const quoted = (cell: string) => `"${cell.replaceAll('"', '""')}"`;

/** Writes rows as CSV (UTF-8, every cell quoted, each record its row number first), as they pass; the file appears whole or not at all. */
export class SheetRowsWriter {
  private readonly temporary: string;
  private readonly out: fs.WriteStream;

  constructor(private readonly target: string) {
    // Its own temporary file: two reports of the same import at once (a double click) do not mix.
    this.temporary = `${target}.${randomUUID()}.tmp`;
    this.out = fs.createWriteStream(this.temporary);
  }

  async write(row: SourceRow): Promise<void> {
    const line = `${[String(row.rowNumber), ...row.cells].map(quoted).join(",")}\n`;
    if (!this.out.write(line)) await new Promise<void>((resolve) => this.out.once("drain", resolve));
  }

  async finish(): Promise<void> {
    await new Promise<void>((resolve, reject) => this.out.end((error?: Error | null) => (error ? reject(error) : resolve())));
    await fs.promises.rename(this.temporary, this.target);
  }

  async abandon(): Promise<void> {
    await new Promise<void>((resolve) => this.out.end(() => resolve()));
    await fs.promises.rm(this.temporary, { force: true });
  }
}

/** The first `count` rows (for the preview and the detection of a header). */
export async function firstRows(file: string, options: ReadOptions, count: number): Promise<SourceRow[]> {
  const out: SourceRow[] = [];
  const rows = readRows(file, options);
  for await (const row of rows) {
    if (out.length < count) out.push(row);
    // A CSV stops here; a workbook is read to its end (see xlsxSheetNames).
    else if (options.format === "csv") break;
  }
  return out;
}
