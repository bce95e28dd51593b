import type { ReactNode } from "react";
import { ClientMessages } from "@/app/_components/client-messages";

/** The template editor and its preview: the messages their client components read. */
export default function Layout({ children }: { children: ReactNode }) {
  return <ClientMessages namespaces={["emailTemplateSettings", "datasheet"]}>{children}</ClientMessages>;
}
