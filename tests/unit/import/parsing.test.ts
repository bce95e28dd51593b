import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import fc from "fast-check";
import iconv from "iconv-lite";
import JSZip from "jszip";
import { parse } from "csv-parse/sync";
import { afterAll, describe, expect, it } from "vitest";
import { failedRowsCsv } from "@/lib/import/failed-csv";
import { decodeSample, detectDelimiter, detectEncoding, firstRows, readRows, xlsxSheetNames, type ReadOptions } from "@/lib/import/source";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "import-unit-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: Buffer | string): string {
  const at = path.join(dir, name);
  fs.writeFileSync(at, content);
  return at;
}

const csv = (encoding: ReadOptions["encoding"], delimiter: ReadOptions["delimiter"]): ReadOptions => ({ format: "csv", encoding, delimiter, sheet: 0 });

async function all(at: string, options: ReadOptions) {
  const out = [];
  for await (const row of readRows(at, options)) out.push(row);
  return out;
}

const hungarian = "Cégnév;Város;Megjegyzés\nŐrült Tűzifa Kft.;Győr;árvíztűrő tükörfúrógép\nÁrpád Bt.;Pécs;ŰŐ\n";

describe("encoding detection", () => {
  it("reads UTF-8 with a byte-order mark, UTF-8 without one, Windows-1250 and ISO-8859-2", () => {
    expect(detectEncoding(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(hungarian)]))).toBe("utf-8");
    expect(detectEncoding(Buffer.from(hungarian))).toBe("utf-8");
    const cp1250 = iconv.encode(hungarian, "windows-1250");
    expect(["windows-1250", "iso-8859-2"]).toContain(detectEncoding(cp1250));
    expect(decodeSample(cp1250, detectEncoding(cp1250))).toBe(hungarian);
    const latin2 = iconv.encode(hungarian, "iso-8859-2");
    expect(decodeSample(latin2, detectEncoding(latin2))).toBe(hungarian);
  });

  it("takes a UTF-8 sample cut inside a character as UTF-8", () => {
    const bytes = Buffer.from("ab ő");
    expect(detectEncoding(bytes.subarray(0, bytes.length - 1))).toBe("utf-8");
  });
});

describe("delimiter detection", () => {
  it.each([
    ["a;b;c\n1;2,5;3\n", ";"],
    ["a,b,c\n1,2,3\n", ","],
    ["a\tb\tc\n1\t2,5\t3\n", "\t"],
    ['name,note\n"Kiss; Nagy","a;b;c"\n"x; y","d;e"\n', ","],
    ['"Cégnév";"Leírás"\n"A, B és C";"x, y, z"\n', ";"],
    ['Name\tNote\n=HYPERLINK("http://x.test";"A")\tnot quoted\nB\tb\n', "\t"],
  ])("finds the delimiter of %j", (text, expected) => {
    expect(detectDelimiter(text)).toBe(expected);
  });

  it("finds the delimiter of any generated table (property)", () => {
    const cell = fc.string({ unit: fc.constantFrom("a", "b", "ő", " ", "1", ",", ";", "\t", '"', "\n"), maxLength: 8 });
    fc.assert(
      fc.property(
        fc.constantFrom(";", ",", "\t" as const),
        fc.integer({ min: 2, max: 6 }),
        fc.integer({ min: 2, max: 8 }),
        fc.array(cell, { minLength: 48, maxLength: 48 }),
        (delimiter, width, height, cells) => {
          const quote = (c: string) => `"${c.replace(/"/g, '""')}"`;
          const rows = Array.from({ length: height }, (_, r) =>
            Array.from({ length: width }, (_, c) => quote(cells[(r * width + c) % cells.length]!)).join(delimiter),
          );
          expect(detectDelimiter(`${rows.join("\n")}\n`)).toBe(delimiter);
        },
      ),
    );
  });
});

describe("reading rows", () => {
  it("reads a Windows-1250 file with quoted line breaks, numbering rows as the spreadsheet does", async () => {
    const text = 'Cégnév;Megjegyzés\n"Őz Kft.";"első sor\nmásodik sor"\nŰr Bt.;"idéz ""így"""\n';
    const rows = await all(file("cp1250.csv", iconv.encode(text, "windows-1250")), csv("windows-1250", ";"));
    expect(rows).toEqual([
      { rowNumber: 1, cells: ["Cégnév", "Megjegyzés"] },
      { rowNumber: 2, cells: ["Őz Kft.", "első sor\nmásodik sor"] },
      { rowNumber: 3, cells: ["Űr Bt.", 'idéz "így"'] },
    ]);
  });

  it("drops the byte-order mark and reads from a row on", async () => {
    const at = file("bom.csv", Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from("Name,Email\nA,a@x.hu\nB,b@x.hu\n")]));
    expect((await firstRows(at, csv("utf-8", ","), 1))[0]!.cells).toEqual(["Name", "Email"]);
    expect((await all(at, csv("utf-8", ","))).length).toBe(3);
    const from3 = [];
    for await (const row of readRows(at, csv("utf-8", ","), 3)) from3.push(row);
    expect(from3).toEqual([{ rowNumber: 3, cells: ["B", "b@x.hu"] }]);
  });

  it("reads a paste from a spreadsheet (tabs, a quoted cell with a line break)", async () => {
    const pasted = 'Company\tNote\nAcme\t"two\nlines"\nBeta\tone\n';
    expect(detectDelimiter(pasted)).toBe("\t");
    const rows = await all(file("paste.txt", pasted), csv("utf-8", "\t"));
    expect(rows.map((r) => r.cells)).toEqual([
      ["Company", "Note"],
      ["Acme", "two\nlines"],
      ["Beta", "one"],
    ]);
  });

  it("reads an XLSX file's chosen sheet, dates as days and formulas by their result", async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet("Üres").addRow(["nothing"]);
    const sheet = workbook.addWorksheet("Ügyfelek");
    sheet.addRow(["Cégnév", "Dátum", "Összeg", "Képlet"]);
    sheet.addRow(["Őz Kft.", new Date(Date.UTC(2026, 10, 29)), 1234.5, { formula: "C2*2", result: 2469 }]);
    const at = path.join(dir, "clients.xlsx");
    await workbook.xlsx.writeFile(at);
    expect(await xlsxSheetNames(at)).toEqual(["Üres", "Ügyfelek"]);
    const rows = await all(at, { format: "xlsx", encoding: "utf-8", delimiter: ",", sheet: 1 });
    expect(rows).toEqual([
      { rowNumber: 1, cells: ["Cégnév", "Dátum", "Összeg", "Képlet"] },
      { rowNumber: 2, cells: ["Őz Kft.", "2026-11-29", "1234.5", "2469"] },
    ]);
  });

  /** The same workbook's parts, written into a new archive in the given order of their paths (the rest after them). */
  async function reordered(buffer: Buffer, first: string[]): Promise<Buffer> {
    const source = await JSZip.loadAsync(buffer);
    const paths = Object.keys(source.files).filter((p) => !source.files[p]!.dir);
    const out = new JSZip();
    for (const p of [...first, ...paths.filter((p) => !first.includes(p))]) out.file(p, await source.file(p)!.async("uint8array"));
    return out.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
  }

  it("reads a workbook whatever the order of its parts in the archive: tabs in the workbook's order, the chosen one's rows", async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet("Notes").addRow(["nothing here"]);
    const sheet = workbook.addWorksheet("Lista");
    sheet.addRow(["Cégnév", "E-mail"]);
    sheet.addRow(["Lista Kft.", "lista@x.hu"]);
    const written = Buffer.from(await workbook.xlsx.writeBuffer());
    const orders = [
      // exceljs's own: the workbook part last
      [],
      // shared strings before the sheets, the workbook part last (exceljs's streaming reader failed on it: "reading 'sheets'")
      ["xl/_rels/workbook.xml.rels", "xl/sharedStrings.xml", "xl/styles.xml", "xl/worksheets/sheet2.xml", "xl/worksheets/sheet1.xml"],
      // Excel's: the workbook first
      ["[Content_Types].xml", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/worksheets/sheet2.xml", "xl/worksheets/sheet1.xml"],
    ];
    for (const [i, order] of orders.entries()) {
      const at = file(`order-${i}.xlsx`, await reordered(written, order));
      expect(await xlsxSheetNames(at)).toEqual(["Notes", "Lista"]);
      expect(await all(at, { format: "xlsx", encoding: "utf-8", delimiter: ",", sheet: 1 })).toEqual([
        { rowNumber: 1, cells: ["Cégnév", "E-mail"] },
        { rowNumber: 2, cells: ["Lista Kft.", "lista@x.hu"] },
      ]);
      expect(await all(at, { format: "xlsx", encoding: "utf-8", delimiter: ",", sheet: 0 })).toEqual([{ rowNumber: 1, cells: ["nothing here"] }]);
      expect(await all(at, { format: "xlsx", encoding: "utf-8", delimiter: ",", sheet: 2 })).toEqual([]);
    }
  });

  it("reads the first rows of a long sheet without reading the rest, and from a row on", async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("Sok");
    for (let i = 1; i <= 5000; i++) sheet.addRow([`Cég ${i}`, i]);
    const at = path.join(dir, "long.xlsx");
    await workbook.xlsx.writeFile(at);
    const options: ReadOptions = { format: "xlsx", encoding: "utf-8", delimiter: ",", sheet: 0 };
    expect((await firstRows(at, options, 3)).map((r) => r.cells)).toEqual([
      ["Cég 1", "1"],
      ["Cég 2", "2"],
      ["Cég 3", "3"],
    ]);
    const rest = [];
    for await (const row of readRows(at, options, 4998)) rest.push(row);
    expect(rest).toEqual([
      { rowNumber: 4998, cells: ["Cég 4998", "4998"] },
      { rowNumber: 4999, cells: ["Cég 4999", "4999"] },
      { rowNumber: 5000, cells: ["Cég 5000", "5000"] },
    ]);
  });

  it("names a ZIP archive that is not a workbook, and a damaged one, as such", async () => {
    const zip = new JSZip();
    zip.file("readme.txt", "not a workbook");
    const archive = file("archive.xlsx", await zip.generateAsync({ type: "nodebuffer" }));
    const damaged = file("damaged.xlsx", Buffer.concat([Buffer.from("PK\x03\x04"), Buffer.alloc(200, 7)]));
    for (const at of [archive, damaged]) {
      await expect(xlsxSheetNames(at)).rejects.toMatchObject({ code: "importNotWorkbook" });
      await expect(firstRows(at, { format: "xlsx", encoding: "utf-8", delimiter: ",", sheet: 0 }, 5)).rejects.toMatchObject({ code: "importNotWorkbook" });
    }
  });
});

describe("failed rows download", () => {
  const labels = { row: "Row", reason: "Reason" };

  it("starts a formula cell with an apostrophe, keeps numbers, and quotes what needs it", () => {
    const text = failedRowsCsv(["Name", "Note"], [{ rowNumber: 7, cells: ['=HYPERLINK("http://x")', "-12,5"], reasons: ["Name: bad"] }], labels);
    expect(text.startsWith("\uFEFF")).toBe(true);
    const rows = parse(text.slice(1)) as string[][];
    expect(rows).toEqual([
      ["Row", "Reason", "Name", "Note"],
      ["7", "Name: bad", '\'=HYPERLINK("http://x")', "-12,5"],
    ]);
  });

  it("never lets a cell start a formula, and reads back to the same text (property)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ unit: fc.constantFrom("=", "+", "-", "@", "\t", "\r", "\n", "a", "1", ",", '"', ";") }), { minLength: 1, maxLength: 5 }),
        (cells) => {
          const text = failedRowsCsv(
            cells.map((_, i) => `c${i}`),
            [{ rowNumber: 2, cells, reasons: ["r"] }],
            labels,
          );
          const [, row] = parse(text.slice(1), { relax_column_count: true }) as string[][];
          const written = row!.slice(2);
          written.forEach((cell, i) => {
            expect(cell).not.toMatch(/^[=+@\t\r]|^-(?!\d+([.,]\d+)?$)/);
            expect(cell.replace(/^'(?=[=+\-@\t\r])/, "")).toBe(cells[i]);
          });
        },
      ),
    );
  });
});
