/** The picture's URL changes with the picture, so browsers may cache it for good. */
export function avatarUrl(userId: string, version: Date | number | null | undefined): string | null {
  if (version == null) return null;
  const v = typeof version === "number" ? version : version.getTime();
  return `/api/avatars/${userId}?v=${v}`;
}
