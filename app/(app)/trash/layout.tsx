import type { ReactNode } from "react";
import { ClientMessages } from "@/app/_components/client-messages";

/** Restore and delete forever: the messages their client components read. */
export default function Layout({ children }: { children: ReactNode }) {
  return <ClientMessages namespaces={["trash"]}>{children}</ClientMessages>;
}
