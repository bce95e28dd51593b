"use client";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useMemo, useRef, useState, type FormEvent } from "react";
import { useRunAction } from "@/components/forms/use-run-action";
import { describedBy, Field } from "@/components/ui/field";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import { Textarea } from "@/components/ui/textarea";
import { EditorError } from "@/app/(app)/settings/modules/_components/editor-error";
import { toFieldErrors } from "@/lib/actions/result";
import { validateTemplate, type MergeFieldIssue } from "@/lib/email-templates/merge-fields";
import { createEmailTemplateSchema } from "@/lib/email-templates/schemas";
import type { TemplateForEditor, TemplateModule } from "@/lib/email-templates/queries";
import { createEmailTemplateAction, updateEmailTemplateAction } from "../actions";
import { MergeFieldPicker } from "./merge-field-picker";
import { TemplatePreview } from "./template-preview";
import { TrashTemplateButton } from "./template-buttons";

type Part = "subject" | "body";

function IssueList({ id, issues }: { id: string; issues: MergeFieldIssue[] }) {
  const t = useTranslations("errors");
  if (!issues.length) return null;
  return (
    <ul id={id} className="space-y-0.5 text-xs leading-4 font-medium text-danger" data-testid={id}>
      {issues.map((issue) => (
        <li key={`${issue.code}-${issue.index}`}>{t(issue.code, "field" in issue ? { field: issue.field } : {})}</li>
      ))}
    </ul>
  );
}

/**
 * Settings → Email templates: one template's name, subject and text, with the merge-field picker,
 * the merge fields checked as they are typed (the same check the server makes), and a live preview
 * on a datasheet of the module.
 */
export function TemplateEditor({ template, modules }: { template: TemplateForEditor | null; modules: TemplateModule[] }) {
  const t = useTranslations("emailTemplateSettings");
  const tv = useTranslations("validation");
  const router = useRouter();
  const [moduleId, setModuleId] = useState(template?.moduleId ?? modules[0]?.id ?? "");
  const [name, setName] = useState(template?.name ?? "");
  const [subject, setSubject] = useState(template?.subject ?? "");
  const [body, setBody] = useState(template?.body ?? "");
  const [version, setVersion] = useState(template?.version ?? 1);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const { run, error, isPending, saved } = useRunAction();
  const subjectRef = useRef<HTMLInputElement>(null);
  const bodyRef = useRef<HTMLTextAreaElement>(null);
  const lastPart = useRef<Part>("body");

  const chosen = modules.find((m) => m.id === moduleId);
  const fieldKeys = useMemo(() => chosen?.fields.map((f) => f.key) ?? [], [chosen]);
  const issues = useMemo(() => validateTemplate({ subject, body }, { fieldKeys }), [subject, body, fieldKeys]);
  const hasIssues = issues.subject.length + issues.body.length > 0;

  const insert = (name: string) => {
    const part = lastPart.current;
    const element = part === "subject" ? subjectRef.current : bodyRef.current;
    const value = part === "subject" ? subject : body;
    const tag = `{{${name}}}`;
    const start = element?.selectionStart ?? value.length;
    const end = element?.selectionEnd ?? value.length;
    const next = value.slice(0, start) + tag + value.slice(end);
    (part === "subject" ? setSubject : setBody)(next);
    requestAnimationFrame(() => {
      element?.focus();
      element?.setSelectionRange(start + tag.length, start + tag.length);
    });
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = createEmailTemplateSchema.safeParse({ moduleId, name, subject, body });
    if (!parsed.success) {
      setFieldErrors(toFieldErrors(parsed.error));
      return;
    }
    setFieldErrors({});
    if (hasIssues) {
      (issues.subject.length ? subjectRef : bodyRef).current?.focus();
      return;
    }
    if (template) {
      run(updateEmailTemplateAction, { templateId: template.id, version, name, subject, body }, { onOk: (data) => setVersion(data.version) });
    } else {
      run(createEmailTemplateAction, { moduleId, name, subject, body }, { onOk: (data) => router.replace(`/settings/email-templates/${data.id}`) });
    }
  };

  const errorOf = (key: string) => (fieldErrors[key] ? tv(fieldErrors[key]) : undefined);

  return (
    <div className="grid gap-6 lg:grid-cols-2">
      <form onSubmit={onSubmit} className="min-w-0 space-y-4" noValidate data-testid="template-form">
        {template ? (
          <p className="text-sm">
            <span className="text-muted-foreground">{t("module")}: </span>
            <span className="font-medium">{chosen?.name}</span>
          </p>
        ) : (
          <Field label={t("module")} htmlFor="moduleId" hint={t("moduleHint")} required>
            <NativeSelect id="moduleId" value={moduleId} onChange={(e) => setModuleId(e.target.value)} aria-describedby="moduleId-hint" required>
              {modules.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.name}
                </option>
              ))}
            </NativeSelect>
          </Field>
        )}
        <Field label={t("name")} htmlFor="name" hint={t("nameHint")} error={errorOf("name")} required>
          <Input
            id="name"
            value={name}
            onChange={(e) => setName(e.target.value)}
            required
            maxLength={200}
            aria-invalid={errorOf("name") ? true : undefined}
            aria-describedby={describedBy("name", { error: errorOf("name"), hint: t("nameHint") })}
          />
        </Field>
        <Field label={t("subject")} htmlFor="subject" hint={t("subjectHint")} error={errorOf("subject")} required>
          <Input
            id="subject"
            ref={subjectRef}
            value={subject}
            onChange={(e) => setSubject(e.target.value)}
            onFocus={() => (lastPart.current = "subject")}
            required
            maxLength={300}
            aria-invalid={errorOf("subject") || issues.subject.length ? true : undefined}
            aria-describedby={[describedBy("subject", { error: errorOf("subject"), hint: t("subjectHint") }), issues.subject.length ? "subject-issues" : null]
              .filter(Boolean)
              .join(" ")}
          />
          <IssueList id="subject-issues" issues={issues.subject} />
        </Field>
        <MergeFieldPicker fields={chosen?.fields ?? []} onInsert={insert} />
        <Field label={t("body")} htmlFor="body" hint={t("bodyHint")} error={errorOf("body")} required>
          <Textarea
            id="body"
            ref={bodyRef}
            value={body}
            onChange={(e) => setBody(e.target.value)}
            onFocus={() => (lastPart.current = "body")}
            rows={14}
            required
            className="font-mono text-sm"
            aria-invalid={errorOf("body") || issues.body.length ? true : undefined}
            aria-describedby={[describedBy("body", { error: errorOf("body"), hint: t("bodyHint") }), issues.body.length ? "body-issues" : null]
              .filter(Boolean)
              .join(" ")}
          />
          <IssueList id="body-issues" issues={issues.body} />
        </Field>
        <div className="flex flex-wrap items-center gap-2">
          <Button isPrimaryAction type="submit" disabled={isPending}>
            {isPending ? t("saving") : template ? t("save") : t("createButton")}
          </Button>
          {template ? <TrashTemplateButton templateId={template.id} name={template.name} onDone={() => router.push("/settings/email-templates")} /> : null}
        </div>
        <EditorError message={error} saved={template ? saved : 0} />
      </form>
      <TemplatePreview module={chosen} subject={subject} body={body} isReady={!hasIssues && subject.trim() !== "" && body.trim() !== ""} />
    </div>
  );
}
