import type { ReactNode } from "react";
import { ClientMessages } from "@/app/_components/client-messages";

/** The user forms: the messages their client components read. */
export default function Layout({ children }: { children: ReactNode }) {
  return <ClientMessages namespaces={["users", "roles", "profile"]}>{children}</ClientMessages>;
}
