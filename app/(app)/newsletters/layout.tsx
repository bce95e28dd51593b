import type { ReactNode } from "react";
import { ClientMessages } from "@/app/_components/client-messages";

/** The newsletter form: the messages their client components read. */
export default function Layout({ children }: { children: ReactNode }) {
  return <ClientMessages namespaces={["newsletters"]}>{children}</ClientMessages>;
}
