"use client";
import { Palette } from "lucide-react";
import { useTranslations } from "next-intl";
import { Popover } from "radix-ui";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { normalizeColor, statusPalette } from "@/lib/modules/colors";
import { cn } from "@/lib/ui/cn";

/** The colour button of a status: the palette's swatches (named by their hex) and a hex input. */
export function ColorPopover({ name, color, onPick }: { name: string; color: string; onPick: (color: string) => void }) {
  const t = useTranslations();
  const [isOpen, setOpen] = useState(false);
  const [hex, setHex] = useState(color);
  const [isInvalid, setInvalid] = useState(false);

  function pick(value: string) {
    setOpen(false);
    if (value !== color) onPick(value);
  }

  return (
    <Popover.Root
      open={isOpen}
      onOpenChange={(open) => {
        setOpen(open);
        setHex(color);
        setInvalid(false);
      }}
    >
      <Popover.Trigger asChild>
        <Button variant="ghost" size="icon" aria-label={t("modules.color", { name })} data-testid="color-button">
          <Palette aria-hidden="true" />
        </Button>
      </Popover.Trigger>
      <Popover.Portal>
        <Popover.Content
          align="end"
          sideOffset={4}
          collisionPadding={8}
          aria-label={t("modules.color", { name })}
          className="z-50 w-64 space-y-3 rounded-lg border border-border bg-card p-3 text-card-foreground shadow-lg outline-none"
        >
          <div role="group" aria-label={t("modules.palettePicker")} className="grid grid-cols-8 gap-1.5">
            {statusPalette.map((swatch) => (
              <button
                key={swatch}
                type="button"
                aria-label={swatch}
                aria-pressed={swatch === color}
                onClick={() => pick(swatch)}
                style={{ backgroundColor: swatch }}
                className={cn(
                  "size-6 rounded-full border border-border outline-none pointer-coarse:size-7",
                  "focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring",
                  swatch === color && "ring-2 ring-foreground ring-offset-2 ring-offset-card",
                )}
              />
            ))}
          </div>
          <form
            className="flex items-end gap-2"
            noValidate
            onSubmit={(event) => {
              event.preventDefault();
              const value = normalizeColor(hex);
              if (!value) setInvalid(true);
              else pick(value);
            }}
          >
            <label className="min-w-0 flex-1 space-y-1 text-xs font-medium">
              <span>{t("modules.hex")}</span>
              <Input
                value={hex}
                onChange={(event) => {
                  setHex(event.target.value);
                  setInvalid(false);
                }}
                aria-invalid={isInvalid || undefined}
                aria-describedby={isInvalid ? "hex-error" : undefined}
                className="font-mono"
                maxLength={7}
              />
            </label>
            <Button type="submit" size="sm" variant="outline">
              {t("modules.apply")}
            </Button>
          </form>
          {isInvalid ? (
            <p id="hex-error" className="text-xs text-danger">
              {t("validation.colorInvalid")}
            </p>
          ) : null}
        </Popover.Content>
      </Popover.Portal>
    </Popover.Root>
  );
}
