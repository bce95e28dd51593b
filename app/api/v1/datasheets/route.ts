import { route } from "@/lib/api/http";
import { createDatasheetEndpoint, listDatasheetsEndpoint } from "@/lib/api/v1/datasheets";

export const GET = route(listDatasheetsEndpoint);
export const POST = route(createDatasheetEndpoint);
