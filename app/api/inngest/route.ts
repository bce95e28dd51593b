import { serve } from "inngest/next";
import type { NextRequest } from "next/server";
import { inngest } from "@/inngest/client";
import { inngestFunctions } from "@/inngest/functions";
import { jobsMode } from "@/lib/jobs/mode";

const handler = serve({ client: inngest, functions: inngestFunctions });

type Method = "GET" | "POST" | "PUT";

/** Embedded mode has no Inngest to answer: say so plainly instead of the SDK's 500. */
function route(method: Method) {
  return (request: NextRequest) => {
    if (jobsMode() !== "inngest") {
      return Response.json(
        {
          error: "Inngest is not configured: background jobs run embedded in the app.",
          hint: "Set INNGEST_EVENT_KEY and INNGEST_SIGNING_KEY, or INNGEST_DEV=1 with the Inngest dev server.",
        },
        { status: 404 },
      );
    }
    return handler[method](request, undefined);
  };
}

export const GET = route("GET");
export const POST = route("POST");
export const PUT = route("PUT");
