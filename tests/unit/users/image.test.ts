import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { sniffImage } from "@/lib/users/image";

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG = [0xff, 0xd8, 0xff, 0xe0];
const ascii = (text: string) => Array.from(new TextEncoder().encode(text));
const WEBP = [...ascii("RIFF"), 0x24, 0x00, 0x00, 0x00, ...ascii("WEBPVP8 ")];
const bytes = (...parts: number[][]) => Uint8Array.from(parts.flat());

describe("sniffImage", () => {
  it("recognises PNG, JPEG and WebP by their first bytes", () => {
    expect(sniffImage(bytes(PNG, [0, 0, 0, 13]))).toBe("image/png");
    expect(sniffImage(bytes(JPEG, [0, 16]))).toBe("image/jpeg");
    expect(sniffImage(bytes(WEBP, [0, 0]))).toBe("image/webp");
  });

  it("refuses other formats and text, whatever the file was called", () => {
    expect(sniffImage(bytes(ascii("GIF89a"), [1, 0, 1, 0]))).toBeNull();
    expect(sniffImage(bytes(ascii("hello, I am a photo.png")))).toBeNull();
    expect(sniffImage(bytes(ascii("<svg xmlns='http://www.w3.org/2000/svg'/>")))).toBeNull();
    // A RIFF file that is not WebP (a WAV).
    expect(sniffImage(bytes(ascii("RIFF"), [0x24, 0, 0, 0], ascii("WAVEfmt ")))).toBeNull();
  });

  it("refuses input too short to hold a whole signature", () => {
    expect(sniffImage(new Uint8Array())).toBeNull();
    expect(sniffImage(bytes(PNG.slice(0, 7)))).toBeNull();
    expect(sniffImage(bytes(JPEG.slice(0, 2)))).toBeNull();
    expect(sniffImage(bytes(WEBP.slice(0, 11)))).toBeNull();
  });

  it("decides by the signature alone, whatever follows it", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (rest) => {
        expect(sniffImage(bytes(PNG, Array.from(rest)))).toBe("image/png");
        expect(sniffImage(bytes(WEBP.slice(0, 12), Array.from(rest)))).toBe("image/webp");
      }),
    );
  });
});
