"use client";
import { DragDropContext, Draggable, Droppable, type DropResult } from "@hello-pangea/dnd";
import { Plus, Power, PowerOff, Trash2 } from "lucide-react";
import { useRouter } from "next/navigation";
import { useTimeZone, useTranslations } from "next-intl";
import { useEffect, useMemo, useState } from "react";
import { useRunAction } from "@/components/forms/use-run-action";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { NativeSelect } from "@/components/ui/native-select";
import type { AutomationSummary } from "@/lib/automations/queries";
import { stepKinds, type StepKind } from "@/lib/automations/schemas";
import { cn } from "@/lib/ui/cn";
import { DragHandle } from "../../modules/_components/drag-handle";
import { EditorError } from "../../modules/_components/editor-error";
import { activateAutomationAction, createAutomationAction, switchOffAutomationAction, trashAutomationAction, updateAutomationAction } from "../actions";
import { draftOf, newDraft, stepOf, type BuilderOptions, type DraftStep } from "./draft";
import { StepCard } from "./step-card";

const PALETTE_ID = "palette";
const STEPS_ID = "steps";
const paletteId = (kind: StepKind) => `palette-${kind}`;

function timeText(minute: number): string {
  return `${String(Math.floor(minute / 60)).padStart(2, "0")}:${String(minute % 60).padStart(2, "0")}`;
}

/**
 * The "Edit automations" screen (SPEC §4): a palette of step kinds dragged into the ordered step
 * list (or added with their buttons), steps reordered by dragging or by their arrows, edited in
 * place and removed with the trash icon. Saved as a whole; activated once saved and complete.
 */
export function AutomationBuilder({ moduleId, automation, options }: { moduleId: string; automation: AutomationSummary | null; options: BuilderOptions }) {
  const t = useTranslations("automations");
  const router = useRouter();
  const { error, run, isPending, saved } = useRunAction();
  const [name, setName] = useState(automation?.name ?? "");
  const [trigger, setTrigger] = useState(automation?.trigger ?? "status_entered");
  const [statusId, setStatusId] = useState(automation?.statusId ?? "");
  const [viewId, setViewId] = useState(automation?.viewId ?? "");
  const [scheduleMinute, setScheduleMinute] = useState(automation?.scheduleMinute ?? 540);
  const [repeatDays, setRepeatDays] = useState<number | null>(automation?.repeatDays ?? null);
  const [steps, setSteps] = useState<DraftStep[]>(() => (automation?.steps ?? []).map(draftOf));
  const isNarrow = useIsNarrow();
  // The workspace's zone (next-intl's, from the session): the daily check's clock.
  const timeZone = useTimeZone() ?? "UTC";

  const values = useMemo(
    () => ({
      name,
      trigger,
      statusId: trigger === "status_entered" ? statusId || null : null,
      viewId: trigger === "view_matched" ? viewId || null : null,
      scheduleMinute,
      repeatDays,
      steps: steps.map(stepOf),
    }),
    [name, trigger, statusId, viewId, scheduleMinute, repeatDays, steps],
  );
  // The saved state's snapshot, taken again only when the stored automation changes (after a save):
  // `values` is left out of the dependencies on purpose, or every edit would count as saved.
  const initial = useMemo(() => JSON.stringify(automation ? { ...values, ...pick(automation) } : null), [automation]); // eslint-disable-line react-hooks/exhaustive-deps
  const isDirty = !automation || JSON.stringify({ ...values }) !== initial;

  function insert(kind: StepKind, at = steps.length) {
    const next = [...steps];
    next.splice(at, 0, newDraft(kind));
    setSteps(next);
  }

  function move(from: number, to: number) {
    if (to < 0 || to >= steps.length || from === to) return;
    const next = [...steps];
    const [moved] = next.splice(from, 1);
    next.splice(to, 0, moved!);
    setSteps(next);
  }

  function onDragEnd({ source, destination, draggableId }: DropResult) {
    if (!destination || destination.droppableId !== STEPS_ID) return;
    if (source.droppableId === PALETTE_ID) {
      const kind = stepKinds.find((k) => paletteId(k) === draggableId);
      if (kind) insert(kind, destination.index);
      return;
    }
    move(source.index, destination.index);
  }

  function save() {
    if (automation) run(updateAutomationAction, { automationId: automation.id, version: automation.version, ...values }, { onOk: () => router.refresh() });
    else run(createAutomationAction, { moduleId, ...values }, { onOk: (created) => router.replace(`/settings/automations/${moduleId}/${created.id}`) });
  }

  return (
    <div className="space-y-6">
      <EditorError message={error} saved={saved} />
      <section className="grid gap-4 rounded-lg border border-border bg-card p-4 sm:grid-cols-2">
        <div className="flex flex-col gap-1.5 sm:col-span-2">
          <Label htmlFor="automation-name">{t("name")}</Label>
          <Input id="automation-name" value={name} maxLength={120} required onChange={(e) => setName(e.target.value)} />
        </div>
        <div className="flex flex-col gap-1.5 sm:col-span-2">
          <Label htmlFor="automation-trigger">{t("trigger")}</Label>
          <NativeSelect id="automation-trigger" value={trigger} onChange={(e) => setTrigger(e.target.value as typeof trigger)}>
            <option value="status_entered">{t("triggerStatus")}</option>
            <option value="view_matched">{t("triggerView")}</option>
          </NativeSelect>
        </div>
        {trigger === "status_entered" ? (
          <div className="flex flex-col gap-1.5 sm:col-span-2">
            <Label htmlFor="automation-status">{t("status")}</Label>
            <NativeSelect id="automation-status" value={statusId} onChange={(e) => setStatusId(e.target.value)}>
              <option value="">{t("chooseStatus")}</option>
              {options.statuses.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </NativeSelect>
          </div>
        ) : (
          <>
            <div className="flex flex-col gap-1.5 sm:col-span-2">
              <Label htmlFor="automation-view">{t("view")}</Label>
              <NativeSelect id="automation-view" value={viewId} onChange={(e) => setViewId(e.target.value)}>
                <option value="">{options.views.length ? t("chooseView") : t("noViews")}</option>
                {options.views.map((v) => (
                  <option key={v.id} value={v.id}>
                    {v.name}
                  </option>
                ))}
              </NativeSelect>
            </div>
            <div className="flex flex-col gap-1.5">
              <Label htmlFor="automation-time">{t("scheduleTime")}</Label>
              <Input
                id="automation-time"
                type="time"
                aria-describedby="automation-time-hint"
                value={timeText(scheduleMinute)}
                onChange={(e) => {
                  const [h, m] = e.target.value.split(":").map(Number);
                  if (Number.isFinite(h) && Number.isFinite(m)) setScheduleMinute(h! * 60 + m!);
                }}
              />
              <p id="automation-time-hint" className="text-xs text-muted-foreground">
                {t("scheduleHint", { timeZone })}
              </p>
            </div>
            <div className="flex flex-col gap-1.5">
              <Label htmlFor="automation-repeat">{t("repeatDays")}</Label>
              <Input
                id="automation-repeat"
                type="number"
                min={1}
                max={365}
                inputMode="numeric"
                aria-describedby="automation-repeat-hint"
                value={repeatDays ?? ""}
                onChange={(e) => setRepeatDays(e.target.value ? Math.min(365, Math.max(1, Math.floor(Number(e.target.value)))) : null)}
              />
              <p id="automation-repeat-hint" className="text-xs text-muted-foreground">
                {t("repeatHint")}
              </p>
            </div>
          </>
        )}
      </section>

      <DragDropContext onDragEnd={onDragEnd} dragHandleUsageInstructions={t("dragHint")}>
        <section aria-labelledby="automation-palette" className="space-y-2 rounded-lg border border-dashed border-border bg-muted/40 p-3">
          <h2 id="automation-palette" className="text-sm font-semibold">
            {t("palette")}
          </h2>
          <p className="text-xs text-muted-foreground">{t("paletteHint")}</p>
          {/*
           * Horizontal, so a keyboard drag's ArrowDown moves the new step into the list below; a column
           * on a phone, where the three would wrap (dnd does not support a wrapping list).
           */}
          <Droppable droppableId={PALETTE_ID} direction={isNarrow ? "vertical" : "horizontal"} isDropDisabled>
            {(provided) => (
              <div
                ref={provided.innerRef}
                {...provided.droppableProps}
                className={cn("flex gap-2", isNarrow ? "flex-col items-start" : "flex-wrap")}
                data-testid="step-palette"
              >
                {stepKinds.map((kind, index) => (
                  <Draggable key={kind} draggableId={paletteId(kind)} index={index}>
                    {(drag, snapshot) => (
                      <>
                        <div
                          ref={drag.innerRef}
                          {...drag.draggableProps}
                          data-testid={`palette-${kind}`}
                          className={cn(
                            "flex items-center gap-1 rounded-md border border-border bg-card py-1 pr-1 pl-1 text-sm font-medium shadow-xs",
                            snapshot.isDragging && "shadow-lg ring-1 ring-ring",
                          )}
                        >
                          <DragHandle handleProps={drag.dragHandleProps} label={t(`kinds.${kind}`)} />
                          <span className="pr-1">{t(`kinds.${kind}`)}</span>
                          <Button variant="ghost" size="icon" aria-label={t("add", { kind: t(`kinds.${kind}`) })} onClick={() => insert(kind)}>
                            <Plus aria-hidden="true" />
                          </Button>
                        </div>
                        {/*
                         * The palette keeps its element while a copy of it is dragged away — on one line only:
                         * in the phone's column it would push the step list down under the pointer.
                         */}
                        {snapshot.isDragging && !isNarrow ? (
                          <div
                            aria-hidden="true"
                            className="flex items-center rounded-md border border-border bg-card px-3 py-1 text-sm font-medium opacity-60"
                          >
                            {t(`kinds.${kind}`)}
                          </div>
                        ) : null}
                      </>
                    )}
                  </Draggable>
                ))}
                <span className="hidden">{provided.placeholder}</span>
              </div>
            )}
          </Droppable>
        </section>

        <section aria-labelledby="automation-steps" className="space-y-2">
          <h2 id="automation-steps" className="text-sm font-semibold">
            {t("steps")}
          </h2>
          <Droppable droppableId={STEPS_ID}>
            {(provided, snapshot) => (
              <ol
                ref={provided.innerRef}
                {...provided.droppableProps}
                data-testid="step-list"
                className={cn(
                  "min-h-24 space-y-2 rounded-lg",
                  snapshot.isDraggingOver && "bg-accent/40",
                  steps.length === 0 && "border border-dashed border-border",
                )}
              >
                {steps.length === 0 && !snapshot.isDraggingOver ? (
                  <li className="list-none">
                    <EmptyState title={t("noSteps")} description={t("noStepsText")} titleAs="p" className="border-0" />
                  </li>
                ) : null}
                {steps.map((step, index) => (
                  <StepCard
                    key={step.key}
                    step={step}
                    index={index}
                    count={steps.length}
                    options={options}
                    onChange={(changed) => setSteps(steps.map((s) => (s.key === step.key ? changed : s)))}
                    onMove={(to) => move(index, to)}
                    onRemove={() => setSteps(steps.filter((s) => s.key !== step.key))}
                  />
                ))}
                {provided.placeholder}
              </ol>
            )}
          </Droppable>
        </section>
      </DragDropContext>

      <div className="flex flex-wrap items-center gap-2 border-t border-border pt-4">
        <Button isPrimaryAction onClick={save} disabled={isPending}>
          {t("save")}
        </Button>
        {automation ? (
          <>
            {automation.isActive ? (
              <Button
                variant="outline"
                disabled={isPending}
                onClick={() => run(switchOffAutomationAction, { automationId: automation.id }, { onOk: () => router.refresh() })}
              >
                <PowerOff aria-hidden="true" />
                {t("switchOff")}
              </Button>
            ) : (
              <Button
                variant="outline"
                disabled={isPending || isDirty}
                aria-describedby={isDirty ? "automation-unsaved" : undefined}
                onClick={() => run(activateAutomationAction, { automationId: automation.id }, { onOk: () => router.refresh() })}
              >
                <Power aria-hidden="true" />
                {t("activate")}
              </Button>
            )}
            <Button
              variant="ghost"
              disabled={isPending}
              onClick={() => run(trashAutomationAction, { automationId: automation.id }, { onOk: () => router.push(`/settings/automations/${moduleId}`) })}
            >
              <Trash2 aria-hidden="true" />
              {t("moveToTrash")}
            </Button>
            <Badge variant={automation.isActive ? "success" : "neutral"} className="ml-auto" data-testid="automation-state">
              {automation.isActive ? t("active") : t("off")}
            </Badge>
          </>
        ) : null}
      </div>
      {automation && isDirty && !automation.isActive ? (
        <p id="automation-unsaved" className="text-xs text-muted-foreground">
          {t("unsaved")}
        </p>
      ) : automation ? (
        <p className="text-xs text-muted-foreground">{automation.isActive ? t(automation.trigger === "view_matched" ? "activeNoteView" : "activeNote") : t("offNote")}</p>
      ) : null}
    </div>
  );
}

/** Below Tailwind's `sm`: the palette's three elements would not fit on one line. */
function useIsNarrow(): boolean {
  const [isNarrow, setIsNarrow] = useState(false);
  useEffect(() => {
    const query = window.matchMedia("(max-width: 639px)");
    const update = () => setIsNarrow(query.matches);
    update();
    query.addEventListener("change", update);
    return () => query.removeEventListener("change", update);
  }, []);
  return isNarrow;
}

/** The saved automation in the builder's shape, to tell unsaved changes. */
function pick(a: AutomationSummary) {
  return {
    name: a.name,
    trigger: a.trigger,
    statusId: a.trigger === "status_entered" ? a.statusId : null,
    viewId: a.trigger === "view_matched" ? a.viewId : null,
    scheduleMinute: a.scheduleMinute,
    repeatDays: a.repeatDays,
    steps: a.steps.map((s) => stepOf(draftOf(s))),
  };
}
