import type { ReactNode } from "react";
import { ClientMessages } from "@/app/_components/client-messages";

/** The workspace form: the messages their client components read. */
export default function Layout({ children }: { children: ReactNode }) {
  return <ClientMessages namespaces={["workspaceSettings"]}>{children}</ClientMessages>;
}
