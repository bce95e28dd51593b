import { route } from "@/lib/api/http";
import { deleteDatasheetEndpoint, getDatasheetEndpoint, updateDatasheetEndpoint } from "@/lib/api/v1/datasheets";

export const GET = route(getDatasheetEndpoint);
export const PATCH = route(updateDatasheetEndpoint);
export const DELETE = route(deleteDatasheetEndpoint);
