"use client";

import { useTranslations } from "next-intl";
import { Component, Suspense, cloneElement, lazy, useState, type ComponentType, type ReactElement, type ReactNode } from "react";
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
  title?: string;
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
/** Catches a failed download of lazily loaded code, so that the page around it stays as it was. */
class LoadBoundary extends Component<{ onError: () => void; children: ReactNode }, { hasFailed: boolean }> {
  state = { hasFailed: false };
  static getDerivedStateFromError() {
    return { hasFailed: true };
  }
  componentDidCatch() {
    this.props.onError();
  }
  render() {
    return this.state.hasFailed ? null : this.props.children;
  }
}

export function deferred<P extends object>(
  load: () => Promise<{ default: ComponentType<P & DeferredProps> }>,
  popup: "dialog" | "menu",
) {
  const preload = () => void load().catch(() => undefined);
  function Deferred({ trigger, ...props }: P & { trigger: ReactElement<TriggerHandlers> }) {
    const t = useTranslations("common");
    const [isArmed, setArmed] = useState(false);
    // A failed download (the connection dropped) puts the trigger back, says so, and the next
    // click tries again, with the page and anything typed on it untouched.
    const [hasFailed, setFailed] = useState(false);
    const { Component: Loaded, retry } = useRetryableLazy(load);
    const placeholder = cloneElement(trigger, {
      "aria-haspopup": popup,
      "aria-expanded": false,
      onPointerEnter: preload,
      onFocus: preload,
      onClick: () => setArmed(true),
      ...(hasFailed && !isArmed ? { title: t("loadFailed") } : {}),
    });
    if (!isArmed) {
      if (!hasFailed) return placeholder;
      return (
        <>
          {placeholder}
          <span role="alert" className="sr-only">
            {t("loadFailed")}
          </span>
        </>
      );
    }
    // Clicked, still downloading (a slow connection): the trigger says so until the real one opens.
    const loading = cloneElement(placeholder, {
      "aria-busy": true,
      className: cn(trigger.props.className, "cursor-progress opacity-70"),
    });
    return (
      <LoadSafely
        fallback={loading}
        onError={() => {
          setArmed(false);
          setFailed(true);
          retry();
        }}
      >
        <Loaded {...(props as P)} trigger={trigger} defaultOpen />
      </LoadSafely>
    );
  }
  return Deferred;
}

/**
 * A lazily loaded component (a dialog opened from a menu item, say) that can be tried again: after
 * a failed download, `retry()` makes the next render download it anew. Render it inside
 * `<LoadSafely>`.
 */
export function useRetryableLazy<P extends object>(load: () => Promise<{ default: ComponentType<P> }>) {
  const [Loaded, setLoaded] = useState(() => lazy(load));
  return { Component: Loaded, retry: () => setLoaded(() => lazy(load)) };
}

/**
 * Lazily loaded children, shown when they arrive (`fallback` until then); a failed download calls
 * onError and shows nothing, and the next render tries afresh.
 */
export function LoadSafely({ onError, fallback = null, children }: { onError: () => void; fallback?: ReactNode; children: ReactNode }) {
  const [failures, setFailures] = useState(0);
  return (
    <LoadBoundary
      key={failures}
      onError={() => {
        setFailures((n) => n + 1);
        onError();
      }}
    >
      <Suspense fallback={fallback}>{children}</Suspense>
    </LoadBoundary>
  );
}
