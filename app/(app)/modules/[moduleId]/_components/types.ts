import type { FieldValue } from "@/lib/fields/values";

/** Plain data the list's client components get from the page (no database types). */
export interface ListPerson {
  id: string;
  name: string;
  avatarUrl: string | null;
}

export interface ListStatus {
  id: string;
  key: string;
  name: string;
  color: string;
  groupName: string;
}

export interface ClientRow {
  id: string;
  version: number;
  businessName: string;
  statusId: string;
  responsible: ListPerson | null;
  nextTodo: { text: string; dueAt: Date } | null;
  lastContactAt: Date | null;
  createdAt: Date;
  fields: Record<string, FieldValue | null>;
}
