import "server-only";
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import { pipeline } from "node:stream";
import chardet from "chardet";
import { parse } from "csv-parse";
import { parse as parseSync } from "csv-parse/sync";
import ExcelJS from "exceljs";
import iconv from "iconv-lite";
import unzipper from "unzipper";
import { DomainError } from "@/lib/errors";

/*
 * Reading an uploaded file as rows, as a stream: memory stays flat however long the file is.
 * CSV (and pasted text) is decoded from its encoding (UTF-8 with or without a byte-order mark,
 * Windows-1250, ISO-8859-2 — detected with chardet, changeable), split on its delimiter (`;`, `,` or
 * tab — detected, changeable) by csv-parse, with quoted cells that hold delimiters and line breaks;
 * XLSX by exceljs's parsers over the archive's central directory (openWorkbook), the first sheet or
 * a chosen one, streamed — the validation report writes the sheet's rows out as CSV for the job to
 * read in runs like any CSV (SheetRowsWriter). Row numbers are the spreadsheet's own (the header row is row 1).
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

/**
 * exceljs's streaming reader takes a workbook's parts in the order they lie in the ZIP archive, one
 * pass: a sheet that comes before the workbook part (exceljs writes it last) or before the shared
 * strings waits in a temporary file, and when the archive stream ends early — unzipper's Parse can
 * end before its last entry under load — the workbook part is never read and the reader fails
 * ("reading 'sheets'") or a sheet goes missing. So the archive is opened by its central directory
 * instead (random access), and the reader's own part parsers are fed in the order they need: the
 * relationships, the workbook (sheet names and their order), shared strings and styles, then only
 * the chosen sheet, streamed. These are exceljs's internal methods (version pinned exactly).
 */
interface WorkbookParts {
  workbookRels?: { Id: string; Target: string }[];
  model?: { sheets?: { name: string; rId: string }[] };
  _parseRels(stream: NodeJS.ReadableStream): Promise<void>;
  _parseWorkbook(stream: NodeJS.ReadableStream): Promise<void>;
  _parseSharedStrings(stream: NodeJS.ReadableStream): AsyncGenerator<unknown>;
  _parseStyles(stream: NodeJS.ReadableStream): Promise<void>;
  _parseWorksheet(stream: AsyncIterable<unknown>, sheetNo: string): Generator<{ eventType: string; value: unknown }>;
}

interface WorkbookSheet {
  name: string;
  /** Its part in the archive, e.g. `xl/worksheets/sheet1.xml`. */
  part: string;
}

interface OpenWorkbook {
  sheets: WorkbookSheet[];
  /** The sheet's rows, streamed from its part; the part's stream is closed when the loop ends, early or not. */
  rows(sheet: WorkbookSheet): AsyncGenerator<ExcelJS.Row>;
}

/** A part named by a relationship: relative to `xl/` or absolute from the archive's root. */
function partOf(target: string): string {
  return target.startsWith("/") ? target.slice(1) : `xl/${target}`;
}

/** Reads an XLSX file's structure (and, with `withCells`, its shared strings and styles); not an XLSX file → DomainError importNotWorkbook. */
async function openWorkbook(file: string, withCells: boolean): Promise<OpenWorkbook> {
  const directory = await unzipper.Open.file(file).catch(() => null);
  const entries = new Map((directory?.files ?? []).map((entry) => [entry.path, entry]));
  const part = (path: string) => entries.get(path)?.stream();
  const relations = part("xl/_rels/workbook.xml.rels");
  const book = part("xl/workbook.xml");
  if (!relations || !book) throw new DomainError("importNotWorkbook");
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, {
    worksheets: "emit",
    sharedStrings: "cache",
    hyperlinks: "ignore",
    styles: "cache",
    entries: "ignore",
  }) as unknown as WorkbookParts;
  await reader._parseRels(relations);
  await reader._parseWorkbook(book);
  const targets = new Map((reader.workbookRels ?? []).map((rel) => [rel.Id, partOf(rel.Target)]));
  const sheets = (reader.model?.sheets ?? []).flatMap((sheet) => {
    const target = targets.get(sheet.rId);
    return target && entries.has(target) ? [{ name: sheet.name, part: target }] : [];
  });
  if (withCells) {
    const strings = part("xl/sharedStrings.xml");
    if (strings) for await (const _ of reader._parseSharedStrings(strings)) void _;
    const styles = part("xl/styles.xml");
    if (styles) await reader._parseStyles(styles);
  }
  return {
    sheets,
    async *rows(sheet) {
      const stream = part(sheet.part);
      if (!stream) return;
      try {
        for (const { value } of reader._parseWorksheet(stream, sheet.part.match(/(\d+)\.xml$/)?.[1] ?? "1")) {
          yield* value as AsyncIterable<ExcelJS.Row>;
        }
      } finally {
        stream.destroy();
      }
    },
  };
}

/** The sheet names of an XLSX file, in the workbook's order (its tabs). */
export async function xlsxSheetNames(file: string): Promise<string[]> {
  return (await openWorkbook(file, false)).sheets.map((sheet) => sheet.name);
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
  const workbook = await openWorkbook(file, true);
  const sheet = workbook.sheets[options.sheet];
  if (!sheet) return;
  for await (const row of workbook.rows(sheet)) {
    const values = Array.isArray(row.values) ? row.values.slice(1) : [];
    yield { rowNumber: row.number, cells: Array.from(values, (v) => cellText(v ?? null)) };
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
    out.push(row);
    if (out.length >= count) break;
  }
  return out;
}
