"use client";

import type { ComponentProps, ReactNode } from "react";
import { Dialog as DialogPrimitive } from "radix-ui";
import { X } from "lucide-react";
import { cn } from "@/lib/ui/cn";
import { Button } from "./button";

export const Dialog = DialogPrimitive.Root;
export const DialogTrigger = DialogPrimitive.Trigger;
export const DialogClose = DialogPrimitive.Close;

export type DialogContentProps = ComponentProps<typeof DialogPrimitive.Content> & {
  /** Accessible name of the close (×) button, e.g. t("close"). */
  closeLabel: string;
};

export function DialogContent({ className, children, closeLabel, ...props }: DialogContentProps) {
  return (
    <DialogPrimitive.Portal>
      <DialogPrimitive.Overlay className="fixed inset-0 z-50 bg-black/50 motion-safe:data-[state=open]:animate-fade-in" />
      <DialogPrimitive.Content
        className={cn(
          "fixed z-50 flex max-h-[calc(100dvh-2rem)] flex-col gap-4 overflow-y-auto border border-border bg-card p-5 text-card-foreground shadow-xl outline-none",
          // Phone: bottom sheet, full width.
          "inset-x-0 bottom-0 w-full rounded-t-xl pb-[max(1.25rem,env(safe-area-inset-bottom))]",
          // Larger screens: centred.
          "sm:inset-x-auto sm:bottom-auto sm:top-1/2 sm:left-1/2 sm:w-[calc(100%-2rem)] sm:max-w-lg sm:-translate-x-1/2 sm:-translate-y-1/2 sm:rounded-xl sm:pb-5",
          "motion-safe:data-[state=open]:animate-pop-in",
          className,
        )}
        {...props}
      >
        {children}
        <DialogPrimitive.Close
          aria-label={closeLabel}
          className={cn(
            "absolute top-3 right-3 inline-flex size-8 items-center justify-center rounded-md text-muted-foreground pointer-coarse:size-10",
            "transition-colors hover:bg-accent hover:text-foreground",
            "outline-none focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring",
          )}
        >
          <X aria-hidden="true" className="size-4" />
        </DialogPrimitive.Close>
      </DialogPrimitive.Content>
    </DialogPrimitive.Portal>
  );
}

export function DialogHeader({ className, ...props }: ComponentProps<"div">) {
  return <div className={cn("flex flex-col gap-1.5", className)} {...props} />;
}

export function DialogTitle({ className, ...props }: ComponentProps<typeof DialogPrimitive.Title>) {
  return (
    <DialogPrimitive.Title
      className={cn("pr-8 text-base leading-6 font-semibold tracking-tight", className)}
      {...props}
    />
  );
}

export function DialogDescription({
  className,
  ...props
}: ComponentProps<typeof DialogPrimitive.Description>) {
  return (
    <DialogPrimitive.Description className={cn("text-sm text-muted-foreground", className)} {...props} />
  );
}

export function DialogFooter({ className, ...props }: ComponentProps<"div">) {
  return (
    <div
      className={cn(
        "flex flex-col-reverse gap-2 sm:flex-row sm:justify-end [&>*]:w-full sm:[&>*]:w-auto",
        className,
      )}
      {...props}
    />
  );
}

/**
 * A dialog's two buttons: Cancel, and its action, which submits the dialog's form unless it is
 * given an onAction of its own; `disabled` holds the action back (while it runs, or until the
 * dialog's choice allows it).
 */
export function DialogActions({
  cancelLabel,
  onCancel,
  actionLabel,
  onAction,
  disabled = false,
  variant = "primary",
  className,
}: {
  cancelLabel: string;
  onCancel: () => void;
  actionLabel: ReactNode;
  onAction?: () => void;
  disabled?: boolean;
  variant?: "primary" | "danger";
  className?: string;
}) {
  return (
    <DialogFooter className={className}>
      <Button type="button" variant="outline" onClick={onCancel}>
        {cancelLabel}
      </Button>
      <Button type={onAction ? "button" : "submit"} variant={variant} isPrimaryAction disabled={disabled} onClick={onAction}>
        {actionLabel}
      </Button>
    </DialogFooter>
  );
}
