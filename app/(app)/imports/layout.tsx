import type { ReactNode } from "react";
import { ClientMessages } from "@/app/_components/client-messages";

/** The import wizard and its progress: the messages their client components read. */
export default function Layout({ children }: { children: ReactNode }) {
  return <ClientMessages namespaces={["import"]}>{children}</ClientMessages>;
}
