export const MAX_AVATAR_BYTES = 1024 * 1024;
export type ImageMime = "image/png" | "image/jpeg" | "image/webp";

/** The image type from the file's first bytes; the name and the browser's claim are not trusted. */
export function sniffImage(bytes: Uint8Array): ImageMime | null {
  const starts = (sig: number[], offset = 0) => sig.every((b, i) => bytes[offset + i] === b);
  if (starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "image/png";
  if (starts([0xff, 0xd8, 0xff])) return "image/jpeg";
  if (starts([0x52, 0x49, 0x46, 0x46]) && starts([0x57, 0x45, 0x42, 0x50], 8)) return "image/webp";
  return null;
}
