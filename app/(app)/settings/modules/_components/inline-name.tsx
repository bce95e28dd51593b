"use client";
import { useState, type ReactNode } from "react";
import { Input } from "@/components/ui/input";
import { cn } from "@/lib/ui/cn";

/**
 * A name that turns into an input on click: Enter (or leaving the field) saves, Escape cancels.
 * `children` is what shows when not editing (e.g. a colour chip); `renameLabel` names that button.
 */
export function InlineName({
  value,
  renameLabel,
  inputLabel,
  onSave,
  isInitiallyEditing = false,
  disabled,
  className,
  children,
}: {
  value: string;
  renameLabel: string;
  inputLabel: string;
  onSave: (value: string) => void;
  isInitiallyEditing?: boolean;
  disabled?: boolean;
  className?: string;
  children?: ReactNode;
}) {
  const [isEditing, setEditing] = useState(isInitiallyEditing);
  const [draft, setDraft] = useState(value);
  // A new status asks for its name once the server created it, which may be after it mounted.
  const [wasAsked, setWasAsked] = useState(isInitiallyEditing);
  if (wasAsked !== isInitiallyEditing) {
    setWasAsked(isInitiallyEditing);
    if (isInitiallyEditing) {
      setEditing(true);
      setDraft(value);
    }
  }

  function finish(save: boolean) {
    setEditing(false);
    const next = draft.trim();
    if (save && next && next !== value) onSave(next);
    else setDraft(value);
  }

  if (isEditing) {
    return (
      <Input
        aria-label={inputLabel}
        value={draft}
        maxLength={100}
        autoFocus
        onFocus={(event) => event.currentTarget.select()}
        onChange={(event) => setDraft(event.target.value)}
        onBlur={() => finish(true)}
        onKeyDown={(event) => {
          if (event.key === "Enter") {
            event.preventDefault();
            finish(true);
          } else if (event.key === "Escape") {
            event.preventDefault();
            finish(false);
          }
          // Space and the arrows must not reach the drag handle around the input.
          event.stopPropagation();
        }}
        className={cn("h-8 max-w-xs", className)}
      />
    );
  }
  return (
    <button
      type="button"
      aria-label={renameLabel}
      disabled={disabled}
      onClick={() => {
        setDraft(value);
        setEditing(true);
      }}
      className={cn(
        "block max-w-full min-w-0 truncate rounded-md text-left text-sm font-medium outline-none hover:underline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring disabled:no-underline",
        className,
      )}
    >
      {children ?? value}
    </button>
  );
}
