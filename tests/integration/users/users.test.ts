import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditLog, emails, users, type User } from "@/db/schema";
import { attemptLogin } from "@/lib/auth/login";
import type { Actor } from "@/lib/auth/permissions";
import { DomainError, ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { MAX_AVATAR_BYTES } from "@/lib/users/image";
import {
  changeOwnPassword,
  createUser,
  setAvatar,
  setUserActive,
  updateOwnProfile,
  updateUser,
} from "@/lib/users/mutations";
import { getAvatar, getUserProfile, listUsers } from "@/lib/users/queries";
import { createUserSchema, type CreateUserInput, type UpdateUserInput } from "@/lib/users/schemas";
import { createUser as createTestUser, createWorkspace, actorOf, uniqueEmail, uniqueSuffix } from "../../factories";
import { describeEachBackend } from "../../support/db";

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const tinyPng = () => Uint8Array.from([...PNG_SIGNATURE, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 1, 2, 3, 4]);

function newUserInput(overrides: Partial<CreateUserInput> = {}): CreateUserInput {
  return {
    familyName: "Új",
    givenName: "Felhasználó",
    email: uniqueEmail("new"),
    role: "normal",
    ...overrides,
  };
}

/** What an admin's edit form would send back unchanged, with some fields replaced. */
function editOf(user: User, overrides: Partial<UpdateUserInput> = {}): UpdateUserInput {
  return {
    familyName: user.familyName,
    givenName: user.givenName,
    email: user.email,
    signature: user.signature,
    role: user.role,
    ...overrides,
  };
}

async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected the call to be refused, but it succeeded");
}

async function expectDomainError(promise: Promise<unknown>, code: string): Promise<DomainError> {
  const error = await rejectionOf(promise);
  expect(error).toBeInstanceOf(DomainError);
  expect((error as DomainError).code).toBe(code);
  return error as DomainError;
}

async function expectFieldError(promise: Promise<unknown>, field: string, message: string): Promise<void> {
  const error = await rejectionOf(promise);
  expect(error).toBeInstanceOf(ValidationError);
  expect((error as ValidationError).fieldErrors).toEqual({ [field]: message });
}

describeEachBackend("users", ({ db }) => {
  const rowOf = async (userId: string) => {
    const [row] = await db().select().from(users).where(eq(users.id, userId));
    return row!;
  };
  const auditOf = (workspaceId: string) =>
    db().select().from(auditLog).where(eq(auditLog.workspaceId, workspaceId)).orderBy(auditLog.at);
  const activeAdminIds = async (workspaceId: string) =>
    (
      await db()
        .select({ id: users.id })
        .from(users)
        .where(and(eq(users.workspaceId, workspaceId), eq(users.role, "admin"), eq(users.isActive, true)))
    ).map((r) => r.id);

  describe("listUsers", () => {
    it("shows an admin exactly the users of their own workspace", async () => {
      const a = await createWorkspace();
      const b = await createWorkspace();
      const listed = await listUsers(a.actors.admin);
      expect(listed.map((u) => u.id).sort()).toEqual(
        Object.values(a.users)
          .map((u) => u.id)
          .sort(),
      );
      const bIds = new Set(Object.values(b.users).map((u) => u.id));
      expect(listed.some((u) => bIds.has(u.id))).toBe(false);
      expect(listed[0]).not.toHaveProperty("passwordHash");
    });
  });

  describe("who may manage users", () => {
    for (const role of ["manager", "normal", "restricted"] as const) {
      it(`refuses a ${role} user calling the services directly`, async () => {
        const { actors, users: members, workspace } = await createWorkspace();
        const actor = actors[role];
        const email = uniqueEmail("forbidden");
        await expect(listUsers(actor)).rejects.toBeInstanceOf(ForbiddenError);
        await expect(createUser(actor, newUserInput({ email, role: "admin" }))).rejects.toBeInstanceOf(ForbiddenError);
        await expect(
          updateUser(actor, members.admin.id, editOf(members.admin, { role: "restricted" })),
        ).rejects.toBeInstanceOf(ForbiddenError);
        await expect(setUserActive(actor, members.admin.id, false)).rejects.toBeInstanceOf(ForbiddenError);
        await expect(getUserProfile(actor, members.admin.id)).rejects.toBeInstanceOf(ForbiddenError);

        const [created] = await db().select().from(users).where(eq(users.email, email));
        expect(created).toBeUndefined();
        const admin = await rowOf(members.admin.id);
        expect(admin.role).toBe("admin");
        expect(admin.isActive).toBe(true);
        expect(await auditOf(workspace.id)).toEqual([]);
      });
    }

    it("lets any user read their own profile", async () => {
      const { actors, users: members } = await createWorkspace();
      const profile = await getUserProfile(actors.restricted, members.restricted.id);
      expect(profile.email).toBe(members.restricted.email);
    });
  });

  describe("workspace isolation", () => {
    it("makes another workspace's user look missing to an admin and leaves them unchanged", async () => {
      const a = await createWorkspace();
      const b = await createWorkspace();
      const target = b.users.normal;
      const before = await rowOf(target.id);

      await expect(getUserProfile(a.actors.admin, target.id)).rejects.toBeInstanceOf(NotFoundError);
      await expect(
        updateUser(a.actors.admin, target.id, editOf(target, { familyName: "Hacked", role: "admin" })),
      ).rejects.toBeInstanceOf(NotFoundError);
      await expect(setUserActive(a.actors.admin, target.id, false)).rejects.toBeInstanceOf(NotFoundError);
      await expect(setAvatar(a.actors.admin, target.id, tinyPng())).rejects.toBeInstanceOf(NotFoundError);
      await expect(getAvatar(a.actors.admin, target.id)).rejects.toBeInstanceOf(NotFoundError);

      expect(await rowOf(target.id)).toEqual(before);
      expect(await auditOf(a.workspace.id)).toEqual([]);
      expect(await auditOf(b.workspace.id)).toEqual([]);
    });

    it("answers an id that is not a UUID with not found", async () => {
      const { actors, users: members } = await createWorkspace();
      for (const id of ["", "1", "not-a-uuid", "00000000-0000-0000-0000-00000000000g", "' or 1=1 --"]) {
        await expect(getUserProfile(actors.admin, id)).rejects.toBeInstanceOf(NotFoundError);
        await expect(updateUser(actors.admin, id, editOf(members.admin))).rejects.toBeInstanceOf(NotFoundError);
        await expect(setUserActive(actors.admin, id, false)).rejects.toBeInstanceOf(NotFoundError);
        await expect(setAvatar(actors.admin, id, null)).rejects.toBeInstanceOf(NotFoundError);
        await expect(getAvatar(actors.admin, id)).rejects.toBeInstanceOf(NotFoundError);
      }
    });
  });

  describe("createUser", () => {
    it("creates a user without a password who cannot sign in yet, invites them, and records it in the audit log", async () => {
      const { actors, workspace } = await createWorkspace();
      const input = createUserSchema.parse(
        newUserInput({ email: `  ${uniqueEmail("Mixed").toUpperCase()} `, role: "manager" }),
      );
      const { id } = await createUser(actors.admin, input);

      const row = await rowOf(id);
      expect(row).toMatchObject({ workspaceId: workspace.id, email: input.email, role: "manager", isActive: true, passwordHash: null });
      expect(row.email).toBe(row.email.trim().toLowerCase());
      // Nothing an admin typed lets anyone in: the account opens only through the invitation.
      const login = await attemptLogin(db(), { email: input.email, password: "a-long-enough-password", ip: `create-${uniqueSuffix()}` });
      expect(login).toEqual({ ok: false, reason: "invalid" });
      const invitations = await db().select().from(emails).where(eq(emails.recipientUserId, id));
      expect(invitations).toHaveLength(1);
      expect(invitations[0]).toMatchObject({ template: "invitation", toAddress: input.email, senderUserId: actors.admin.userId, status: "queued" });
      expect((await listUsers(actors.admin)).find((u) => u.id === id)?.isInvitationPending).toBe(true);

      const audit = await auditOf(workspace.id);
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({
        action: "user.created",
        actorUserId: actors.admin.userId,
        subjectId: id,
        details: { email: input.email, role: "manager" },
      });
    });

    it("refuses an email that is taken, in any letter case and in any workspace, and inserts nothing", async () => {
      const a = await createWorkspace();
      const b = await createWorkspace();
      const taken = b.users.normal.email;

      // Through the form's schema (which lower-cases) …
      await expectFieldError(
        createUser(a.actors.admin, createUserSchema.parse(newUserInput({ email: taken.toUpperCase() }))),
        "email",
        "emailTaken",
      );
      // … and straight into the service, where the database's unique index on lower(email) decides.
      await expectFieldError(
        createUser(a.actors.admin, newUserInput({ email: taken.toUpperCase() })),
        "email",
        "emailTaken",
      );

      expect((await listUsers(a.actors.admin)).length).toBe(4);
      const holders = await db()
        .select({ id: users.id })
        .from(users)
        .where(eq(sql`lower(${users.email})`, taken));
      expect(holders).toEqual([{ id: b.users.normal.id }]);
      expect(await auditOf(a.workspace.id)).toEqual([]);
    });
  });

  describe("updateUser", () => {
    it("changes the user and records a role change in the audit log", async () => {
      const { actors, users: members, workspace } = await createWorkspace();
      await updateUser(
        actors.admin,
        members.normal.id,
        editOf(members.normal, { givenName: "Renamed", role: "manager" }),
      );

      expect(await rowOf(members.normal.id)).toMatchObject({ givenName: "Renamed", role: "manager" });
      const audit = await auditOf(workspace.id);
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({
        action: "user.role_changed",
        actorUserId: actors.admin.userId,
        subjectId: members.normal.id,
        details: { changed: ["givenName", "role"], from: "normal", to: "manager" },
      });
    });

    it("refuses another user's email, whatever its case", async () => {
      const { actors, users: members } = await createWorkspace();
      await expectFieldError(
        updateUser(
          actors.admin,
          members.normal.id,
          editOf(members.normal, { email: members.manager.email.toUpperCase() }),
        ),
        "email",
        "emailTaken",
      );
      expect((await rowOf(members.normal.id)).email).toBe(members.normal.email);
    });

    it("refuses to demote the last active admin, and allows it once there is a second one", async () => {
      const { actors, users: members, workspace } = await createWorkspace();
      const admin = members.admin;
      await expectDomainError(updateUser(actors.admin, admin.id, editOf(admin, { role: "manager" })), "lastAdmin");
      expect((await rowOf(admin.id)).role).toBe("admin");

      // A deactivated admin does not count.
      await createTestUser(workspace.id, { role: "admin", isActive: false });
      await expectDomainError(updateUser(actors.admin, admin.id, editOf(admin, { role: "manager" })), "lastAdmin");

      const second = await createTestUser(workspace.id, { role: "admin" });
      await updateUser(actors.admin, admin.id, editOf(admin, { role: "manager" }));
      expect((await rowOf(admin.id)).role).toBe("manager");
      expect(await activeAdminIds(workspace.id)).toEqual([second.id]);
    });

    for (const change of ["demote", "deactivate"] as const) {
      it(`lets exactly one of two admins who ${change} each other at the same moment succeed`, async () => {
        const { users: members, workspace } = await createWorkspace();
        const first = members.admin;
        const second = await createTestUser(workspace.id, { role: "admin" });
        const takeOut = (actor: User, target: User) =>
          change === "demote"
            ? updateUser(actorOf(actor), target.id, editOf(target, { role: "normal" }))
            : setUserActive(actorOf(actor), target.id, false);
        const results = await Promise.allSettled([takeOut(first, second), takeOut(second, first)]);

        expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
        expect(await activeAdminIds(workspace.id)).toHaveLength(1);
        const [refused] = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
        expect(refused?.reason).toBeInstanceOf(DomainError);
        expect((refused?.reason as DomainError).code).toBe("lastAdmin");
      });
    }
  });

  describe("setUserActive", () => {
    it("deactivates and reactivates a user, with audit entries; a deactivated user cannot sign in", async () => {
      const { actors, users: members, workspace, password } = await createWorkspace();
      const login = () => attemptLogin(db(), { email: members.normal.email, password, ip: `active-${uniqueSuffix()}` });

      const versionBefore = (await rowOf(members.normal.id)).sessionVersion;
      await setUserActive(actors.admin, members.normal.id, false);
      const deactivated = await rowOf(members.normal.id);
      expect(deactivated.isActive).toBe(false);
      // Sessions from before the deactivation stay dead after a reactivation.
      expect(deactivated.sessionVersion).toBe(versionBefore + 1);
      expect(deactivated.deactivatedAt).toBeInstanceOf(Date);
      expect(await login()).toEqual({ ok: false, reason: "invalid" });

      await setUserActive(actors.admin, members.normal.id, true);
      expect(await rowOf(members.normal.id)).toMatchObject({ isActive: true, deactivatedAt: null });
      expect(await login()).toMatchObject({ ok: true });

      expect((await auditOf(workspace.id)).map((e) => [e.action, e.subjectId, e.actorUserId])).toEqual([
        ["user.deactivated", members.normal.id, actors.admin.userId],
        ["user.reactivated", members.normal.id, actors.admin.userId],
      ]);
    });

    it("refuses to deactivate the last active admin, and allows it once there is a second one", async () => {
      const { users: members, workspace } = await createWorkspace();
      const second = await createTestUser(workspace.id, { role: "admin" });
      // An admin's session keeps its role until their next request: `second` still acts as an
      // admin after losing the role, and must not be able to take out the only admin left.
      const staleSecond = actorOf(second);

      await setUserActive(staleSecond, members.admin.id, false);
      expect((await rowOf(members.admin.id)).isActive).toBe(false);
      await setUserActive(staleSecond, members.admin.id, true);

      await updateUser(actorOf(members.admin), second.id, editOf(second, { role: "normal" }));
      await expectDomainError(setUserActive(staleSecond, members.admin.id, false), "lastAdmin");
      expect((await rowOf(members.admin.id)).isActive).toBe(true);
    });

    it("refuses to deactivate yourself", async () => {
      const { actors, workspace } = await createWorkspace();
      await createTestUser(workspace.id, { role: "admin" });
      await expectDomainError(setUserActive(actors.admin, actors.admin.userId, false), "cannotDeactivateSelf");
      expect((await rowOf(actors.admin.userId)).isActive).toBe(true);
    });
  });

  describe("changeOwnPassword", () => {
    it("refuses a wrong current password and keeps the old one", async () => {
      const { actors, users: members, password } = await createWorkspace();
      await expectFieldError(
        changeOwnPassword(actors.normal, {
          currentPassword: "not-the-password",
          newPassword: "a-brand-new-password",
          confirmPassword: "a-brand-new-password",
        }),
        "currentPassword",
        "passwordWrong",
      );
      const row = await rowOf(members.normal.id);
      expect(row.sessionVersion).toBe(1);
      const login = await attemptLogin(db(), { email: row.email, password, ip: `pw-${uniqueSuffix()}` });
      expect(login).toMatchObject({ ok: true, sessionVersion: 1 });
    });

    it("with the right one, sets the new password and ends other sessions", async () => {
      const { actors, users: members, password } = await createWorkspace();
      const ip = `pw-${uniqueSuffix()}`;
      await changeOwnPassword(actors.normal, {
        currentPassword: password,
        newPassword: "a-brand-new-password",
        confirmPassword: "a-brand-new-password",
      });

      expect((await rowOf(members.normal.id)).sessionVersion).toBe(2);
      expect(await attemptLogin(db(), { email: members.normal.email, password, ip })).toEqual({
        ok: false,
        reason: "invalid",
      });
      expect(await attemptLogin(db(), { email: members.normal.email, password: "a-brand-new-password", ip })).toEqual({
        ok: true,
        userId: members.normal.id,
        sessionVersion: 2,
      });
      // Nobody else's sessions end.
      expect((await rowOf(members.admin.id)).sessionVersion).toBe(1);
    });
  });

  describe("avatars", () => {
    it("stores a PNG that the workspace can see and another workspace cannot", async () => {
      const a = await createWorkspace();
      const b = await createWorkspace();
      const png = tinyPng();
      await setAvatar(a.actors.restricted, a.users.restricted.id, png);

      const seen = await getAvatar(a.actors.normal, a.users.restricted.id);
      expect(seen?.mime).toBe("image/png");
      expect(Array.from(seen?.bytes ?? [])).toEqual(Array.from(png));
      expect((await getUserProfile(a.actors.restricted, a.users.restricted.id)).avatarUpdatedAt).toBeInstanceOf(Date);
      await expect(getAvatar(b.actors.admin, a.users.restricted.id)).rejects.toBeInstanceOf(NotFoundError);

      await setAvatar(a.actors.admin, a.users.restricted.id, null);
      expect(await getAvatar(a.actors.normal, a.users.restricted.id)).toBeNull();
    });

    it("refuses a renamed text file and a file over 1 MiB, keeping the old picture", async () => {
      const { actors, users: members } = await createWorkspace();
      await setAvatar(actors.normal, members.normal.id, tinyPng());

      await expectFieldError(
        setAvatar(actors.normal, members.normal.id, new TextEncoder().encode("hello, I am a text file.png")),
        "avatar",
        "imageType",
      );
      const huge = new Uint8Array(MAX_AVATAR_BYTES + 1);
      huge.set(PNG_SIGNATURE);
      await expectFieldError(setAvatar(actors.normal, members.normal.id, huge), "avatar", "imageTooLarge");

      expect(Array.from((await getAvatar(actors.normal, members.normal.id))?.bytes ?? [])).toEqual(
        Array.from(tinyPng()),
      );
    });

    it("lets only an admin change someone else's picture", async () => {
      const { actors, users: members } = await createWorkspace();
      await expect(setAvatar(actors.manager, members.normal.id, tinyPng())).rejects.toBeInstanceOf(ForbiddenError);
      expect(await getAvatar(actors.manager, members.normal.id)).toBeNull();
      await setAvatar(actors.admin, members.normal.id, tinyPng());
      expect((await getAvatar(actors.manager, members.normal.id))?.mime).toBe("image/png");
    });
  });

  describe("updateOwnProfile", () => {
    it("changes only the actor's own row", async () => {
      const a = await createWorkspace();
      const b = await createWorkspace();
      const others = [a.users.admin, a.users.manager, a.users.restricted, ...Object.values(b.users)];
      const before = await Promise.all(others.map((u) => rowOf(u.id)));

      const actor: Actor = a.actors.normal;
      await updateOwnProfile(actor, { familyName: "Saját", givenName: "Név", signature: "Üdv,\n**N**", locale: "hu" });

      expect(await rowOf(actor.userId)).toMatchObject({
        familyName: "Saját",
        givenName: "Név",
        signature: "Üdv,\n**N**",
        locale: "hu",
        role: "normal",
      });
      expect(await Promise.all(others.map((u) => rowOf(u.id)))).toEqual(before);
    });
  });
});
