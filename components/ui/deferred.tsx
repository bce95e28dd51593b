"use client";

import { Suspense, cloneElement, lazy, useState, type ComponentType, type ReactElement } from "react";
import { cn } from "@/lib/ui/cn";

/** What a deferred component receives besides its own props: its trigger, and that it opens at once. */
export interface DeferredProps {
  /** The trigger as the caller drew it; the component wraps it in its own Radix trigger (`asChild`). */
  trigger: ReactElement;
  /** True: the user has just clicked the trigger, so the dialog or menu starts open. */
  defaultOpen: boolean;
}

type TriggerHandlers = {
  className?: string;
  onClick?: () => void;
  onPointerEnter?: () => void;
  onFocus?: () => void;
  "aria-haspopup"?: "dialog" | "menu";
  "aria-expanded"?: boolean;
  "aria-busy"?: boolean;
};

/**
 * A dialog or menu whose code (Radix, positioning, focus trapping, the form inside) loads when
 * the user reaches for it, not with the page. Until then its trigger is the caller's own element,
 * with nothing behind it but a click handler; hovering or focusing it starts the download, and the
 * first click swaps in the real component, open. The trigger looks the same throughout, so nothing
 * moves, and once loaded the component is an ordinary Radix dialog or menu (focus returns to its
 * trigger on close).
 */
export function deferred<P extends object>(
  load: () => Promise<{ default: ComponentType<P & DeferredProps> }>,
  popup: "dialog" | "menu",
) {
  const Loaded = lazy(load);
  const preload = () => void load().catch(() => undefined);
  function Deferred({ trigger, ...props }: P & { trigger: ReactElement<TriggerHandlers> }) {
    const [isArmed, setArmed] = useState(false);
    const placeholder = cloneElement(trigger, {
      "aria-haspopup": popup,
      "aria-expanded": false,
      onPointerEnter: preload,
      onFocus: preload,
      onClick: () => setArmed(true),
    });
    if (!isArmed) return placeholder;
    // Clicked, still downloading (a slow connection): the trigger says so until the real one opens.
    const loading = cloneElement(placeholder, {
      "aria-busy": true,
      className: cn(trigger.props.className, "cursor-progress opacity-70"),
    });
    return (
      <Suspense fallback={loading}>
        <Loaded {...(props as P)} trigger={trigger} defaultOpen />
      </Suspense>
    );
  }
  return Deferred;
}
