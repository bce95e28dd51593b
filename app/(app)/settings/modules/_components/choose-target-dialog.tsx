"use client";
import { useTranslations } from "next-intl";
import { useState, type ReactNode } from "react";
import { Dialog, DialogContent, DialogDescription, DialogActions, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { NativeSelect } from "@/components/ui/native-select";

/**
 * "Remove X?" with, when X is in use, a choice of where its datasheets or values go. Removing a
 * status requires a target; removing an option may instead clear the values (`emptyLabel`).
 */
export function ChooseTargetDialog({
  isOpen,
  title,
  description,
  choice,
  onClose,
  onConfirm,
}: {
  isOpen: boolean;
  title: string;
  description?: ReactNode;
  /** Present when the thing is in use: the select that says where its data goes. */
  choice?: {
    id: string;
    label: string;
    targets: { id: string; name: string }[];
    /** The first option: "" stands for it. Without `isRequired`, choosing it is allowed. */
    emptyLabel: string;
    isRequired: boolean;
  };
  onClose: () => void;
  onConfirm: (targetId: string) => void;
}) {
  const t = useTranslations("modules");
  const [target, setTarget] = useState("");
  const isBlocked = Boolean(choice?.isRequired && !target);
  return (
    <Dialog open={isOpen} onOpenChange={(open) => (open ? null : onClose())}>
      <DialogContent closeLabel={t("close")}>
        <form
          className="space-y-4"
          onSubmit={(event) => {
            event.preventDefault();
            if (isBlocked) return;
            onConfirm(target);
            setTarget("");
          }}
        >
          <DialogHeader>
            <DialogTitle>{title}</DialogTitle>
            {description ? <DialogDescription>{description}</DialogDescription> : null}
          </DialogHeader>
          {choice ? (
            <div className="space-y-1.5">
              <label htmlFor={choice.id} className="text-sm font-medium">
                {choice.label}
              </label>
              <NativeSelect
                id={choice.id}
                value={target}
                required={choice.isRequired}
                onChange={(event) => setTarget(event.target.value)}
              >
                <option value="">{choice.emptyLabel}</option>
                {choice.targets.map((option) => (
                  <option key={option.id} value={option.id}>
                    {option.name}
                  </option>
                ))}
              </NativeSelect>
            </div>
          ) : null}
          <DialogActions
            cancelLabel={t("cancel")}
            onCancel={onClose}
            actionLabel={t("removeButton")}
            disabled={isBlocked}
            variant="danger"
          />
        </form>
      </DialogContent>
    </Dialog>
  );
}
