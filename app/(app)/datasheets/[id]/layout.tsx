import type { ReactNode } from "react";
import { ClientMessages } from "@/app/_components/client-messages";

/** A datasheet's cards and dialogs: the messages their client components read. */
export default function Layout({ children }: { children: ReactNode }) {
  return <ClientMessages namespaces={["datasheet", "company", "contacts", "history", "invoices", "statusWhy", "todos"]}>{children}</ClientMessages>;
}
