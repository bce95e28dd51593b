"use server";
import { redirect } from "next/navigation";
import { getDb } from "@/db/client";
import { asFormData } from "@/lib/actions/form-data";
import { unsubscribe } from "@/lib/email/tracking";
import { notifyOutbox } from "@/lib/jobs/outbox";

/** The confirmation page's button: the same as the one-click POST of the email's header. */
export async function unsubscribeAction(formData: FormData): Promise<void> {
  const token = String(asFormData(formData).get("token") ?? "");
  await unsubscribe(await getDb(), token);
  notifyOutbox();
  redirect(`/unsubscribe/${encodeURIComponent(token)}`);
}
