import type { ReactNode } from "react";
import { ClientMessages } from "@/app/_components/client-messages";

/** The list's and the board's toolbar, table, views and bulk bar: the messages their client components read. */
export default function Layout({ children }: { children: ReactNode }) {
  return <ClientMessages namespaces={["clientList", "views", "bulk", "export", "board"]}>{children}</ClientMessages>;
}
