import type { ReactNode } from "react";
import { ClientMessages } from "@/app/_components/client-messages";

/** Making and revoking keys: the messages their client components read. */
export default function Layout({ children }: { children: ReactNode }) {
  return <ClientMessages namespaces={["apiKeys"]}>{children}</ClientMessages>;
}
