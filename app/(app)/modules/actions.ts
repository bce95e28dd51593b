"use server";
import { revalidatePath } from "next/cache";
import { authedAction } from "@/lib/actions/safe-action";
import { saveColumnsSchema, saveListColumns } from "@/lib/datasheets/list-columns";
import { createViewSchema, renameViewSchema, viewIdSchema } from "@/lib/views/schemas";
import { listUrlParams, parseListUrl } from "@/lib/views/url";
import { createView, deleteView, renameView } from "@/lib/views/views";

// The client list's own actions: views (saved filters) and the user's columns. Status and
// responsible changes are in ./assignment-actions.ts.
function revalidate(moduleId: string): void {
  revalidatePath(`/modules/${moduleId}`, "layout");
}

/** Saves the list's current URL state as a view; answers the view's own URL. */
export const createViewAction = authedAction(createViewSchema, async ({ moduleId, name, isShared, query }, user) => {
  const state = parseListUrl(Object.fromEntries(new URLSearchParams(query)));
  const { id } = await createView(user, { moduleId, name, isShared, definition: { ...state.filter, sort: state.sort } });
  revalidate(moduleId);
  return { id, href: `/modules/${moduleId}?${listUrlParams({ filter: state.filter, sort: state.sort, viewId: id }).toString()}` };
});

export const renameViewAction = authedAction(renameViewSchema, async ({ viewId, name }, user) => {
  const { moduleId } = await renameView(user, viewId, name);
  revalidate(moduleId);
  return null;
});

export const deleteViewAction = authedAction(viewIdSchema, async ({ viewId }, user) => {
  const { moduleId } = await deleteView(user, viewId);
  revalidate(moduleId);
  return { href: `/modules/${moduleId}` };
});

export const saveColumnsAction = authedAction(saveColumnsSchema, async ({ moduleId, columns }, user) => {
  await saveListColumns(user, moduleId, columns);
  revalidate(moduleId);
  return null;
});
