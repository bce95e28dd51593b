"use client";
import { useState, type ReactNode } from "react";
import { useRunAction, type ActionValues } from "@/components/forms/use-run-action";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog, DialogActions, DialogContent, DialogDescription, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import type { ServerAction } from "@/lib/actions/result";

/** The words of one confirmation, translated by the caller in its own catalog. */
export interface ConfirmText {
  /** What the small outline button shows (text, or an icon with text). */
  trigger: ReactNode;
  /** The button's accessible name: the thing it acts on, by name ("Revoke key Zapier"). */
  triggerLabel: string;
  title: string;
  text: string;
  /** The button that closes without acting ("Keep", "Cancel"). */
  keep: string;
  /** The dangerous button that acts. */
  confirm: string;
  /** The dialog's close (×) button. */
  close: string;
}

/**
 * A button that asks first, then runs a server action — cancel a newsletter, revoke an API key,
 * delete forever: the dialog stays open with the action's error until it succeeds, and closes
 * when it does.
 */
export function ConfirmActionButton<T>({
  text,
  action,
  values,
  onDone,
  errorTestId,
}: {
  text: ConfirmText;
  action: ServerAction<T>;
  values: ActionValues;
  onDone?: (data: T) => void;
  errorTestId?: string;
}) {
  const [isOpen, setOpen] = useState(false);
  const { run, error, setError, isPending } = useRunAction();
  const onOk = (data: T) => {
    setOpen(false);
    onDone?.(data);
  };
  return (
    <Dialog
      open={isOpen}
      onOpenChange={(open) => {
        setError(null);
        setOpen(open);
      }}
    >
      <DialogTrigger asChild>
        <Button variant="outline" size="sm" aria-label={text.triggerLabel}>
          {text.trigger}
        </Button>
      </DialogTrigger>
      <DialogContent closeLabel={text.close}>
        <DialogHeader>
          <DialogTitle>{text.title}</DialogTitle>
          <DialogDescription>{text.text}</DialogDescription>
        </DialogHeader>
        {error ? (
          <Alert variant="error" role="alert" data-testid={errorTestId}>
            {error}
          </Alert>
        ) : null}
        <DialogActions
          cancelLabel={text.keep}
          onCancel={() => setOpen(false)}
          actionLabel={text.confirm}
          onAction={() => run(action, values, { onOk })}
          disabled={isPending}
          variant="danger"
        />
      </DialogContent>
    </Dialog>
  );
}
