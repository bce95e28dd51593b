"use server";
import { revalidatePath } from "next/cache";
import { authedAction } from "@/lib/actions/safe-action";
import { addOption, moveOption, removeOption, renameOption } from "@/lib/modules/option-mutations";
import { archiveField, createField, moveField, removeField, restoreField, updateField } from "@/lib/modules/field-mutations";
import { createGroup, moveGroup, removeGroup, renameGroup } from "@/lib/modules/group-mutations";
import { archiveModule, createModuleFromKind, moveModule, renameModule, restoreModule } from "@/lib/modules/module-mutations";
import {
  addOptionSchema,
  createFieldSchema,
  createGroupSchema,
  createModuleSchema,
  createStatusSchema,
  fieldIdSchema,
  groupIdSchema,
  moduleIdSchema,
  moveFieldSchema,
  moveGroupSchema,
  moveModuleSchema,
  moveOptionSchema,
  moveStatusSchema,
  recolorStatusSchema,
  removeFieldSchema,
  removeOptionSchema,
  removeStatusSchema,
  renameGroupSchema,
  renameModuleSchema,
  renameOptionSchema,
  renameStatusSchema,
  updateFieldSchema,
} from "@/lib/modules/schemas";
import { createStatus, moveStatus, recolorStatus, removeStatus, renameStatus } from "@/lib/modules/status-mutations";

// Settings → Modules. Each action is one service call (admins only, one transaction, audited);
// the module pages, the statuses and the fields editors all live under this path.
function revalidate(): void {
  revalidatePath("/settings/modules", "layout");
}

export const createModuleAction = authedAction(createModuleSchema, async (input, user) => {
  const created = await createModuleFromKind(user, input);
  revalidate();
  return created;
});

export const renameModuleAction = authedAction(renameModuleSchema, async ({ moduleId, name }, user) => {
  await renameModule(user, moduleId, name);
  revalidate();
  return null;
});

export const moveModuleAction = authedAction(moveModuleSchema, async ({ moduleId, ...placement }, user) => {
  await moveModule(user, moduleId, placement);
  revalidate();
  return null;
});

export const archiveModuleAction = authedAction(moduleIdSchema, async ({ moduleId }, user) => {
  await archiveModule(user, moduleId);
  revalidate();
  return null;
});

export const restoreModuleAction = authedAction(moduleIdSchema, async ({ moduleId }, user) => {
  await restoreModule(user, moduleId);
  revalidate();
  return null;
});

export const createGroupAction = authedAction(createGroupSchema, async ({ moduleId, ...input }, user) => {
  const created = await createGroup(user, moduleId, input);
  revalidate();
  return created;
});

export const renameGroupAction = authedAction(renameGroupSchema, async ({ groupId, name }, user) => {
  await renameGroup(user, groupId, name);
  revalidate();
  return null;
});

export const moveGroupAction = authedAction(moveGroupSchema, async ({ groupId, ...placement }, user) => {
  await moveGroup(user, groupId, placement);
  revalidate();
  return null;
});

export const removeGroupAction = authedAction(groupIdSchema, async ({ groupId }, user) => {
  await removeGroup(user, groupId);
  revalidate();
  return null;
});

export const createStatusAction = authedAction(createStatusSchema, async ({ groupId, ...input }, user) => {
  const created = await createStatus(user, groupId, input);
  revalidate();
  return created;
});

export const renameStatusAction = authedAction(renameStatusSchema, async ({ statusId, name }, user) => {
  await renameStatus(user, statusId, name);
  revalidate();
  return null;
});

export const recolorStatusAction = authedAction(recolorStatusSchema, async ({ statusId, color }, user) => {
  await recolorStatus(user, statusId, color);
  revalidate();
  return null;
});

export const moveStatusAction = authedAction(moveStatusSchema, async ({ statusId, ...input }, user) => {
  await moveStatus(user, statusId, input);
  revalidate();
  return null;
});

export const removeStatusAction = authedAction(removeStatusSchema, async ({ statusId, ...input }, user) => {
  const result = await removeStatus(user, statusId, input);
  revalidate();
  return result;
});

export const createFieldAction = authedAction(createFieldSchema, async ({ moduleId, ...input }, user) => {
  const created = await createField(user, moduleId, input);
  revalidate();
  return created;
});

export const updateFieldAction = authedAction(updateFieldSchema, async ({ fieldId, ...input }, user) => {
  await updateField(user, fieldId, input);
  revalidate();
  return null;
});

export const moveFieldAction = authedAction(moveFieldSchema, async ({ fieldId, ...placement }, user) => {
  await moveField(user, fieldId, placement);
  revalidate();
  return null;
});

export const archiveFieldAction = authedAction(fieldIdSchema, async ({ fieldId }, user) => {
  await archiveField(user, fieldId);
  revalidate();
  return null;
});

export const restoreFieldAction = authedAction(fieldIdSchema, async ({ fieldId }, user) => {
  await restoreField(user, fieldId);
  revalidate();
  return null;
});

export const removeFieldAction = authedAction(removeFieldSchema, async ({ fieldId, confirm }, user) => {
  const result = await removeField(user, fieldId, { confirm });
  revalidate();
  return result;
});

export const addOptionAction = authedAction(addOptionSchema, async ({ fieldId, ...input }, user) => {
  const created = await addOption(user, fieldId, input);
  revalidate();
  return created;
});

export const renameOptionAction = authedAction(renameOptionSchema, async ({ optionId, label }, user) => {
  await renameOption(user, optionId, label);
  revalidate();
  return null;
});

export const moveOptionAction = authedAction(moveOptionSchema, async ({ optionId, ...placement }, user) => {
  await moveOption(user, optionId, placement);
  revalidate();
  return null;
});

export const removeOptionAction = authedAction(removeOptionSchema, async ({ optionId, ...input }, user) => {
  const result = await removeOption(user, optionId, input);
  revalidate();
  return result;
});
