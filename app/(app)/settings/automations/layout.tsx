import type { ReactNode } from "react";
import { ClientMessages } from "@/app/_components/client-messages";

/** The automation editor: the messages their client components read. */
export default function Layout({ children }: { children: ReactNode }) {
  return <ClientMessages namespaces={["automations", "roles"]}>{children}</ClientMessages>;
}
