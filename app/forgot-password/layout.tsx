import type { ReactNode } from "react";
import { ClientMessages } from "@/app/_components/client-messages";

/** The reset request form: the messages their client components read. */
export default function Layout({ children }: { children: ReactNode }) {
  return <ClientMessages namespaces={["auth", "passwordLinks"]}>{children}</ClientMessages>;
}
