import type { ReactNode } from "react";
import { ClientMessages } from "@/app/_components/client-messages";

/** The module, status and field editors: the messages their client components read. */
export default function Layout({ children }: { children: ReactNode }) {
  return <ClientMessages namespaces={["modules", "statusChecks", "statusWhy"]}>{children}</ClientMessages>;
}
