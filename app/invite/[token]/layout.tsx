import type { ReactNode } from "react";
import { ClientMessages } from "@/app/_components/client-messages";

/** Choosing a password: the messages their client components read. */
export default function Layout({ children }: { children: ReactNode }) {
  return <ClientMessages namespaces={["passwordLinks", "users"]}>{children}</ClientMessages>;
}
