"use client";
import { ChevronDown, ChevronUp } from "lucide-react";
import { useTranslations } from "next-intl";
import { useEffect, useRef } from "react";
import { Button } from "@/components/ui/button";

/**
 * Move up / Move down: the way to reorder without dragging (WCAG 2.5.7). A handler left out
 * disables its button (the first or the last item).
 *
 * Focus stays on the buttons: a row moved down is moved in the DOM, which drops the focus of the
 * button inside it, and a row that reached an end disables the button just pressed — then the
 * other one takes the focus, so a keyboard user can go on moving the same item.
 */
export function MoveButtons({ name, onMoveUp, onMoveDown, className }: { name: string; onMoveUp?: () => void; onMoveDown?: () => void; className?: string }) {
  const t = useTranslations("modules");
  const up = useRef<HTMLButtonElement>(null);
  const down = useRef<HTMLButtonElement>(null);
  const pressed = useRef<"up" | "down" | null>(null);

  useEffect(() => {
    if (!pressed.current) return;
    const [wanted, other] = pressed.current === "up" ? [up.current, down.current] : [down.current, up.current];
    pressed.current = null;
    const target = wanted && !wanted.disabled ? wanted : other;
    if (target && !target.disabled && document.activeElement !== target) target.focus();
  });

  function press(direction: "up" | "down", move?: () => void) {
    if (!move) return;
    pressed.current = direction;
    move();
  }

  return (
    <>
      <Button
        ref={up}
        variant="ghost"
        size="icon"
        className={className}
        aria-label={t("moveUp", { name })}
        disabled={!onMoveUp}
        onClick={() => press("up", onMoveUp)}
      >
        <ChevronUp aria-hidden="true" />
      </Button>
      <Button
        ref={down}
        variant="ghost"
        size="icon"
        className={className}
        aria-label={t("moveDown", { name })}
        disabled={!onMoveDown}
        onClick={() => press("down", onMoveDown)}
      >
        <ChevronDown aria-hidden="true" />
      </Button>
    </>
  );
}
