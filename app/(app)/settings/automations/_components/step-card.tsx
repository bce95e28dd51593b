"use client";
import { Draggable } from "@hello-pangea/dnd";
import { ChevronDown, ChevronUp, Trash2 } from "lucide-react";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { NativeSelect } from "@/components/ui/native-select";
import { roleKeys } from "@/lib/automations/schemas";
import { cn } from "@/lib/ui/cn";
import { DragHandle } from "../../modules/_components/drag-handle";
import { DELAY_UNITS, type BuilderOptions, type DraftStep } from "./draft";

/** One step of the list: lifted by its grip, moved by its buttons, edited in place, removed by its trash icon. */
export function StepCard({
  step,
  index,
  count,
  options,
  onChange,
  onMove,
  onRemove,
}: {
  step: DraftStep;
  index: number;
  count: number;
  options: BuilderOptions;
  onChange: (step: DraftStep) => void;
  onMove: (to: number) => void;
  onRemove: () => void;
}) {
  const t = useTranslations("automations");
  const tRoles = useTranslations("roles");
  const kind = t(`kinds.${step.kind}`);
  const position = index + 1;
  const id = (name: string) => `step-${step.key}-${name}`;
  const set = (patch: Partial<DraftStep>) => onChange({ ...step, ...patch } as DraftStep);

  const templateField =
    step.kind === "todo_user" ? null : (
      <div className="flex flex-col gap-1.5">
        <Label htmlFor={id("template")}>{t("template")}</Label>
        <NativeSelect id={id("template")} value={step.templateId ?? ""} onChange={(e) => set({ templateId: e.target.value || null })}>
          <option value="">{t("chooseTemplate")}</option>
          {options.templates.map((tpl) => (
            <option key={tpl.id} value={tpl.id}>
              {tpl.name}
            </option>
          ))}
        </NativeSelect>
      </div>
    );

  const userField =
    step.kind !== "email_client" && step.recipient === "user" ? (
      <div className="flex flex-col gap-1.5">
        <Label htmlFor={id("user")}>{t("user")}</Label>
        <NativeSelect id={id("user")} value={step.userId ?? ""} onChange={(e) => set({ userId: e.target.value || null })}>
          <option value="">{t("chooseUser")}</option>
          {options.users.map((u) => (
            <option key={u.id} value={u.id}>
              {u.name}
            </option>
          ))}
        </NativeSelect>
      </div>
    ) : null;

  return (
    <Draggable draggableId={step.key} index={index}>
      {(drag, snapshot) => (
        <li
          ref={drag.innerRef}
          {...drag.draggableProps}
          data-testid="automation-step"
          data-kind={step.kind}
          className={cn("rounded-lg border border-border bg-card", snapshot.isDragging && "shadow-lg ring-1 ring-ring")}
        >
          <div className="flex items-center gap-1 border-b border-border px-2 py-1.5">
            <DragHandle handleProps={drag.dragHandleProps} label={t("dragStep", { position, kind })} />
            <h3 className="min-w-0 flex-1 truncate text-sm font-semibold">{t("stepTitle", { position, kind })}</h3>
            <Button variant="ghost" size="icon" aria-label={t("moveUp", { position })} disabled={index === 0} onClick={() => onMove(index - 1)}>
              <ChevronUp aria-hidden="true" />
            </Button>
            <Button variant="ghost" size="icon" aria-label={t("moveDown", { position })} disabled={index === count - 1} onClick={() => onMove(index + 1)}>
              <ChevronDown aria-hidden="true" />
            </Button>
            <Button variant="ghost" size="icon" aria-label={t("remove", { position })} onClick={onRemove}>
              <Trash2 aria-hidden="true" />
            </Button>
          </div>
          <div className="grid gap-3 p-3 sm:grid-cols-2">
            <div className="flex items-end gap-2 sm:col-span-2">
              <div className="flex w-24 flex-col gap-1.5">
                <Label htmlFor={id("delay")}>{t("delayAmount")}</Label>
                <Input
                  id={id("delay")}
                  type="number"
                  min={0}
                  inputMode="numeric"
                  value={step.delayAmount}
                  onChange={(e) => set({ delayAmount: Math.max(0, Math.floor(Number(e.target.value) || 0)) })}
                />
              </div>
              <div className="flex w-32 flex-col gap-1.5">
                <Label htmlFor={id("unit")}>{t("delayUnit")}</Label>
                <NativeSelect id={id("unit")} value={step.delayUnit} onChange={(e) => set({ delayUnit: e.target.value as DraftStep["delayUnit"] })}>
                  {DELAY_UNITS.map((unit) => (
                    <option key={unit} value={unit}>
                      {t(`units.${unit}`)}
                    </option>
                  ))}
                </NativeSelect>
              </div>
              <p className="pb-2 text-xs text-muted-foreground">{step.delayAmount > 0 ? t("delay") : t("noDelay")}</p>
            </div>
            {templateField}
            {step.kind === "email_client" ? <p className="self-end pb-2 text-sm text-muted-foreground">{t("clientRecipients")}</p> : null}
            {step.kind === "email_user" ? (
              <div className="flex flex-col gap-1.5">
                <Label htmlFor={id("recipient")}>{t("recipient")}</Label>
                <NativeSelect id={id("recipient")} value={step.recipient} onChange={(e) => set({ recipient: e.target.value as typeof step.recipient })}>
                  {(["responsible", "user", "role"] as const).map((r) => (
                    <option key={r} value={r}>
                      {t(`recipients.${r}`)}
                    </option>
                  ))}
                </NativeSelect>
              </div>
            ) : null}
            {step.kind === "email_user" && step.recipient === "role" ? (
              <div className="flex flex-col gap-1.5">
                <Label htmlFor={id("role")}>{t("role")}</Label>
                <NativeSelect id={id("role")} value={step.role ?? ""} onChange={(e) => set({ role: (e.target.value || null) as typeof step.role })}>
                  <option value="">{t("chooseRole")}</option>
                  {roleKeys.map((r) => (
                    <option key={r} value={r}>
                      {tRoles(r)}
                    </option>
                  ))}
                </NativeSelect>
              </div>
            ) : null}
            {step.kind === "todo_user" ? (
              <>
                <div className="flex flex-col gap-1.5 sm:col-span-2">
                  <Label htmlFor={id("text")}>{t("todoText")}</Label>
                  <Input id={id("text")} value={step.text} maxLength={2000} onChange={(e) => set({ text: e.target.value })} />
                </div>
                <div className="flex flex-col gap-1.5">
                  <Label htmlFor={id("assignee")}>{t("assignee")}</Label>
                  <NativeSelect id={id("assignee")} value={step.recipient} onChange={(e) => set({ recipient: e.target.value as typeof step.recipient })}>
                    {(["responsible", "user"] as const).map((r) => (
                      <option key={r} value={r}>
                        {t(`recipients.${r}`)}
                      </option>
                    ))}
                  </NativeSelect>
                </div>
                <div className="flex flex-col gap-1.5">
                  <Label htmlFor={id("due")}>{t("dueDays")}</Label>
                  <Input
                    id={id("due")}
                    type="number"
                    min={0}
                    max={365}
                    inputMode="numeric"
                    value={step.dueDays}
                    onChange={(e) => set({ dueDays: Math.min(365, Math.max(0, Math.floor(Number(e.target.value) || 0))) })}
                  />
                </div>
              </>
            ) : null}
            {userField}
          </div>
        </li>
      )}
    </Draggable>
  );
}
