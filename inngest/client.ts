import { Inngest } from "inngest";

/**
 * The app's Inngest client. Which Inngest it talks to comes from the environment:
 * INNGEST_DEV=1 (the dev server on localhost:8288, or INNGEST_DEV=<url>), or INNGEST_EVENT_KEY and
 * INNGEST_SIGNING_KEY for Inngest Cloud (INNGEST_BASE_URL / INNGEST_EVENT_API_BASE_URL for a
 * self-hosted server). Without them jobs run embedded and this client sends nothing.
 */
export const inngest = new Inngest({ id: "crm" });
