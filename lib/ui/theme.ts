export const THEME_COOKIE = "crm-theme";
export const themes = ["system", "light", "dark"] as const;
export type Theme = (typeof themes)[number];

export function parseTheme(value: unknown): Theme {
  return themes.includes(value as Theme) ? (value as Theme) : "system";
}

/** The class on <html>: none follows the operating system's preference. */
export function themeClass(value: unknown): string | undefined {
  const theme = parseTheme(value);
  return theme === "system" ? undefined : theme;
}
