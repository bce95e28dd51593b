import "server-only";
import { notFound } from "next/navigation";
import { requireUser } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { getListColumns, getListFields } from "@/lib/datasheets/list-columns";
import { NotFoundError } from "@/lib/errors";
import { avatarUrl } from "@/lib/users/avatar-url";
import { formatName } from "@/lib/users/names";
import { getWorkspaceConfig } from "@/lib/workspaces/config";
import { listViews } from "@/lib/views/views";
import type { ListRow } from "@/lib/datasheets/list-query";
import type { ClientRow, ListPerson } from "./_components/types";

/** Runs the page's loads; a module that is not the actor's (or not there) is the 404 page. */
export async function orNotFound<T>(load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (error) {
    if (error instanceof NotFoundError) notFound();
    throw error;
  }
}

/** What the list and the board both show around their data: views, fields, team, what the user may do. */
export async function loadListFrame(moduleId: string) {
  const user = await requireUser();
  const [columns, fields, views, config] = await Promise.all([
    getListColumns(user, moduleId),
    getListFields(user, moduleId),
    listViews(user, moduleId),
    getWorkspaceConfig(user),
  ]);
  // The active team, for the responsible filter and the bulk bar's picker.
  const people: ListPerson[] = config.team
    .filter((u) => u.isActive)
    .map((u) => ({ id: u.id, name: formatName(u, user.locale), avatarUrl: avatarUrl(u.id, u.avatarVersion) }));
  return {
    user,
    /** One "now" per request, so overdue marks agree between the server and the client render. */
    now: Date.now(),
    columns,
    fields,
    views,
    people,
    may: {
      bulkEdit: can(user, "data.bulkEdit"),
      export: can(user, "data.export"),
      shareViews: can(user, "views.shareWithTeam"),
      assignOthers: can(user, "datasheets.readAll"),
    },
  };
}

/** A list row as the client components get it: the responsible user's name in the reader's order. */
export function toClientRow(row: ListRow, locale: "en" | "hu"): ClientRow {
  return {
    id: row.id,
    version: row.version,
    businessName: row.businessName,
    statusId: row.statusId,
    responsible: row.responsible
      ? { id: row.responsible.id, name: formatName(row.responsible, locale), avatarUrl: avatarUrl(row.responsible.id, row.responsible.avatarVersion) }
      : null,
    nextTodo: row.nextTodo ? { text: row.nextTodo.text, dueAt: row.nextTodo.dueAt } : null,
    lastContactAt: row.lastContactAt,
    createdAt: row.createdAt,
    fields: row.fields,
  };
}
