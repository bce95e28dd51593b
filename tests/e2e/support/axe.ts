import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

/**
 * axe as every spec runs it: in the page itself (legacy mode — the default merges frame results in
 * an extra blank page, which costs seconds per check; the only frames are sandboxed emails, whose
 * content is the email's, not the app's), with axe's default rules plus WCAG 2.2's target size
 * (2.5.8: every link and button at least 24 by 24 CSS pixels, or spaced as much), which axe-core
 * leaves off by default. `disable` turns rules off for markup that is not the app's own.
 */
export function axeOf(page: Page, options: { within?: string; disable?: string[] } = {}): AxeBuilder {
  const rules: Record<string, { enabled: boolean }> = { "target-size": { enabled: true } };
  for (const rule of options.disable ?? []) rules[rule] = { enabled: false };
  const builder = new AxeBuilder({ page }).setLegacyMode(true).options({ rules });
  if (options.within) builder.include(options.within);
  return builder;
}

/** Runs axe on what the page shows now; a soft check, so every page of a test is reported. */
export async function expectNoAxeViolations(page: Page, what: string, options: { within?: string; disable?: string[] } = {}): Promise<void> {
  const { violations } = await axeOf(page, options).analyze();
  const report = violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).join(" | ")}`);
  expect.soft(report, `axe violations on ${what}`).toEqual([]);
}
