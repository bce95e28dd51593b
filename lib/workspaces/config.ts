import "server-only";
import { eq, sql } from "drizzle-orm";
import { cache } from "react";
import { getDb, type Conn } from "@/db/client";
import {
  fieldOptions,
  fields,
  modules,
  statuses,
  statusGroups,
  users,
  workspaceConfigVersions,
  workspaces,
  type FieldType,
  type ModuleKind,
} from "@/db/schema";
import type { UserActor } from "@/lib/auth/permissions";
import { NotFoundError } from "@/lib/errors";
import { groupBy } from "@/lib/group-by";

/*
 * What every member of a workspace sees alike — its active modules with their statuses and active
 * fields, its team and its time zone — read in one statement and kept per process by (workspace, version).
 * The version (`workspace_config_versions`) is raised by triggers when a change of those tables
 * commits (migration 0019), whichever code or process made it; a request reads it with the
 * session (`findSessionUser`), so every process sees a change on its next request. Nothing here
 * depends on who reads it: what a user may do with it (a restricted user's pickers) is decided
 * by the caller, per request.
 */

/** A status in staircase order; `rank` is its group's and its own position as the status sort compares them. */
export interface ConfigStatus {
  id: string;
  key: string;
  name: string;
  color: string;
  groupId: string;
  groupKey: string;
  groupName: string;
  rank: string;
}

export interface ConfigField {
  id: string;
  key: string;
  label: string;
  type: FieldType;
  isSystem: boolean;
  /** A select field's choices in their order; [] for other types. */
  options: { key: string; label: string }[];
}

export interface ConfigModule {
  id: string;
  name: string;
  kind: ModuleKind;
  isAutomatic: boolean;
  statuses: ConfigStatus[];
  /** The active fields in the module's order. */
  fields: ConfigField[];
}

export interface ConfigPerson {
  id: string;
  familyName: string;
  givenName: string;
  isActive: boolean;
  avatarVersion: number | null;
}

export interface WorkspaceConfig {
  workspaceId: string;
  version: number;
  /** The workspace's IANA zone: the days of a list's date filters. */
  timeZone: string;
  /** The active modules in their order. */
  modules: ConfigModule[];
  /** Everyone who has or had access (`isActive`), by name. */
  team: ConfigPerson[];
}

/** Who reads: a workspace, and the configuration version the request saw with its session (unknown: read it). */
export type ConfigReader = Pick<UserActor, "workspaceId"> & { configVersion?: number };

/** The workspace's configuration version now (0 before its first change). */
export async function readConfigVersion(conn: Conn, workspaceId: string): Promise<number> {
  const [row] = await conn
    .select({ version: workspaceConfigVersions.version })
    .from(workspaceConfigVersions)
    .where(eq(workspaceConfigVersions.workspaceId, workspaceId));
  return row?.version ?? 0;
}

type StatusRow = ConfigStatus & { moduleId: string };
type FieldRow = Omit<ConfigField, "options"> & { moduleId: string };

/**
 * A `ConfigStatus` as JSON, of a status `s` and its group `g` (`extra`: more pairs first), in
 * staircase order when aggregated `order by g.position, g.id, s.position, s.id`.
 */
export function configStatusJson(extra = sql``) {
  return sql`json_build_object(${extra} 'id', s.id, 'key', s.key, 'name', s.name, 'color', s.color, 'groupId', g.id, 'groupKey', g.key,
                               'groupName', g.name, 'rank', g.position || ' ' || s.position)`;
}

/** The configuration and its version in one statement, so they always agree. */
export async function loadWorkspaceConfig(conn: Conn, workspaceId: string): Promise<WorkspaceConfig> {
  const [row] = await conn
    .select({
      version: sql<number>`coalesce(${workspaceConfigVersions.version}, 0)`.mapWith(Number),
      timeZone: workspaces.timeZone,
      modules: sql<{ id: string; name: string; kind: ModuleKind }[]>`(
        select coalesce(json_agg(json_build_object('id', m.id, 'name', m.name, 'kind', m.kind) order by m.position, m.id), '[]'::json)
          from ${modules} m where m.workspace_id = ${workspaces.id} and m.archived_at is null)`,
      statuses: sql<StatusRow[]>`(
        select coalesce(json_agg(${configStatusJson(sql`'moduleId', s.module_id,`)} order by g.position, g.id, s.position, s.id), '[]'::json)
          from ${statuses} s join ${statusGroups} g on g.id = s.group_id
         where s.workspace_id = ${workspaces.id})`,
      fields: sql<FieldRow[]>`(
        select coalesce(json_agg(json_build_object('id', f.id, 'moduleId', f.module_id, 'key', f.key, 'label', f.label, 'type', f.type, 'isSystem', f.is_system)
                                 order by f.position, f.id), '[]'::json)
          from ${fields} f where f.workspace_id = ${workspaces.id} and f.archived_at is null)`,
      options: sql<{ fieldId: string; key: string; label: string }[]>`(
        select coalesce(json_agg(json_build_object('fieldId', o.field_id, 'key', o.key, 'label', o.label) order by o.position, o.id), '[]'::json)
          from ${fieldOptions} o where o.workspace_id = ${workspaces.id})`,
      team: sql<ConfigPerson[]>`(
        select coalesce(json_agg(json_build_object('id', u.id, 'familyName', u.family_name, 'givenName', u.given_name, 'isActive', u.is_active,
                                                   'avatarVersion', floor(extract(epoch from u.avatar_updated_at) * 1000)::bigint)
                                 order by u.family_name, u.given_name), '[]'::json)
          from ${users} u where u.workspace_id = ${workspaces.id})`,
    })
    .from(workspaces)
    .leftJoin(workspaceConfigVersions, eq(workspaceConfigVersions.workspaceId, workspaces.id))
    .where(eq(workspaces.id, workspaceId));
  if (!row) throw new NotFoundError();
  const statusesOf = groupBy(row.statuses, (s) => s.moduleId);
  const fieldsOf = groupBy(row.fields, (f) => f.moduleId);
  const optionsOf = groupBy(row.options, (o) => o.fieldId);
  return {
    workspaceId,
    version: row.version,
    timeZone: row.timeZone,
    modules: row.modules.map((m) => ({
      ...m,
      isAutomatic: m.kind === "sales_auto",
      statuses: (statusesOf.get(m.id) ?? []).map(({ moduleId: _, ...s }) => s),
      fields: (fieldsOf.get(m.id) ?? []).map(({ moduleId: _, ...f }) => ({
        ...f,
        options: (optionsOf.get(f.id) ?? []).map(({ key, label }) => ({ key, label })),
      })),
    })),
    team: row.team,
  };
}

/**
 * One process's copy of its workspaces' configurations: the newest version it has read of each,
 * for up to `capacity` workspaces (the least recently used goes first). A request that saw another
 * version than the one kept — newer, or older after a restore — reads the configuration again and
 * keeps what it read; concurrent requests for one version share one read.
 */
export class WorkspaceConfigCache {
  private readonly entries = new Map<string, WorkspaceConfig>();
  private readonly loading = new Map<string, Promise<WorkspaceConfig>>();

  constructor(private readonly capacity = 500) {}

  async get(conn: Conn, workspaceId: string, version?: number): Promise<WorkspaceConfig> {
    const wanted = version ?? (await readConfigVersion(conn, workspaceId));
    const kept = this.entries.get(workspaceId);
    if (kept?.version === wanted) {
      this.entries.delete(workspaceId);
      this.entries.set(workspaceId, kept);
      return kept;
    }
    const key = `${workspaceId} ${wanted}`;
    let pending = this.loading.get(key);
    if (!pending) {
      pending = loadWorkspaceConfig(conn, workspaceId)
        .then((config) => {
          this.keep(config);
          return config;
        })
        .finally(() => this.loading.delete(key));
      this.loading.set(key, pending);
    }
    return pending;
  }

  private keep(config: WorkspaceConfig): void {
    this.entries.delete(config.workspaceId);
    this.entries.set(config.workspaceId, config);
    while (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
  }
}

// The module is evaluated more than once per process (instrumentation, app bundle): one cache per process.
const processCache = ((globalThis as { __crmWorkspaceConfig?: WorkspaceConfigCache }).__crmWorkspaceConfig ??= new WorkspaceConfigCache());

/** Per request (React's cache): the layout, the page and its parts share one look-up. */
const requestConfig = cache(async (workspaceId: string, version: number | undefined) => processCache.get(await getDb(), workspaceId, version));

/** The reader's workspace configuration, at the version its request saw (see `ConfigReader`). */
export function getWorkspaceConfig(reader: ConfigReader): Promise<WorkspaceConfig> {
  return requestConfig(reader.workspaceId, reader.configVersion);
}

/** An active module of the workspace, or "not found" (archived, another workspace's, not one). */
export function configModule(config: WorkspaceConfig, moduleId: string): ConfigModule {
  const found = config.modules.find((m) => m.id === moduleId);
  if (!found) throw new NotFoundError();
  return found;
}
