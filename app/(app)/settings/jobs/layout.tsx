import type { ReactNode } from "react";
import { ClientMessages } from "@/app/_components/client-messages";

/** Retrying a job run: the messages their client components read. */
export default function Layout({ children }: { children: ReactNode }) {
  return <ClientMessages namespaces={["jobs"]}>{children}</ClientMessages>;
}
