import { NextIntlClientProvider } from "next-intl";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it, vi } from "vitest";
import { deferred, type DeferredProps } from "@/components/ui/deferred";

function RealMenu({ label, trigger }: { label: string } & DeferredProps) {
  return <div data-real={label}>{trigger}</div>;
}

describe("deferred", () => {
  it("renders only the caller's trigger, marked as opening a popup, and loads nothing until used", () => {
    const load = vi.fn(async () => ({ default: RealMenu }));
    const Menu = deferred<{ label: string }>(load, "menu");
    const html = renderToStaticMarkup(
      <NextIntlClientProvider locale="en" timeZone="Europe/Budapest" messages={{ common: { loadFailed: "Could not load." } }}>
        <Menu
          label="Profile"
          trigger={
            <button type="button" className="p-2">
              Open
            </button>
          }
        />
      </NextIntlClientProvider>,
    );
    expect(html).toBe('<button type="button" class="p-2" aria-haspopup="menu" aria-expanded="false">Open</button>');
    expect(html).not.toContain("data-real");
    expect(load).not.toHaveBeenCalled();
  });
});
