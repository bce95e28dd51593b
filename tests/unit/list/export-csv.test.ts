import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { csvRow, escapeCsvCell } from "@/lib/datasheets/export-csv";

describe("CSV cells", () => {
  it("defuses cells a spreadsheet would run as a formula", () => {
    expect(escapeCsvCell("=HYPERLINK(\"http://x\")")).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(escapeCsvCell("+36 1 234 5678")).toBe("'+36 1 234 5678");
    expect(escapeCsvCell("-2+3")).toBe("'-2+3");
    expect(escapeCsvCell("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(escapeCsvCell("\tcmd")).toBe("'\tcmd");
    expect(escapeCsvCell("\rcmd")).toBe(`"'\rcmd"`);
  });

  it("leaves plain numbers and ordinary text alone", () => {
    expect(escapeCsvCell("-12.5")).toBe("-12.5");
    expect(escapeCsvCell(42)).toBe("42");
    expect(escapeCsvCell("Kovács és Társa Kft.")).toBe("Kovács és Társa Kft.");
    expect(escapeCsvCell(null)).toBe("");
  });

  it("quotes commas, quotes and line breaks", () => {
    expect(csvRow(["a,b", 'say "hi"', "two\nlines"])).toBe(`"a,b","say ""hi""","two\nlines"\r\n`);
  });

  it("separates with semicolons where the decimal mark is a comma, and quotes the separator", () => {
    expect(csvRow(["Kovács; Társa", "1234,5", "-12,5", "a,b"], ";")).toBe(`"Kovács; Társa";1234,5;-12,5;a,b\r\n`);
  });

  it("never lets a cell start with a formula character once parsed back", () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const cell = escapeCsvCell(text);
        const unquoted = cell.startsWith('"') ? cell.slice(1, -1).replace(/""/g, '"') : cell;
        return !/^[=+\-@\t\r]/.test(unquoted) || /^-?\d+([.,]\d+)?$/.test(unquoted);
      }),
    );
  });
});
