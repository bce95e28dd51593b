import { describe, expect, it } from "vitest";
import { formDataToInput } from "@/lib/actions/form-data";
import { inputToFormData } from "@/lib/actions/to-form-data";
import { createAutomationSchema } from "@/lib/automations/schemas";

describe("the automation builder's input", () => {
  it("reaches the schema through the form adapter with every step's numbers and choices", () => {
    const values = {
      moduleId: "m",
      name: "Welcome",
      statusId: "s",
      scheduleMinute: 540,
      steps: [
        { kind: "email_client", delayMinutes: 0, templateId: "t" },
        { id: "x", kind: "todo_user", delayMinutes: 4320, text: "Call", recipient: "user", userId: "u", dueDays: 2 },
        { kind: "email_user", delayMinutes: 60, templateId: null, recipient: "role", userId: null, role: "manager" },
      ],
    };
    const parsed = createAutomationSchema.parse(formDataToInput(inputToFormData(values), createAutomationSchema));
    expect(parsed.steps).toEqual([
      { id: null, kind: "email_client", delayMinutes: 0, templateId: "t" },
      { id: "x", kind: "todo_user", delayMinutes: 4320, text: "Call", recipient: "user", userId: "u", dueDays: 2 },
      { id: null, kind: "email_user", delayMinutes: 60, templateId: null, recipient: "role", userId: null, role: "manager" },
    ]);
    expect(parsed).toMatchObject({ name: "Welcome", trigger: "status_entered", statusId: "s", viewId: null, scheduleMinute: 540, repeatDays: null });
  });

  it("refuses a negative delay and a step kind it does not know", () => {
    expect(createAutomationSchema.safeParse({ moduleId: "m", name: "x", steps: [{ kind: "email_client", delayMinutes: -5 }] }).success).toBe(false);
    expect(createAutomationSchema.safeParse({ moduleId: "m", name: "x", steps: [{ kind: "sms" }] }).success).toBe(false);
  });
});
