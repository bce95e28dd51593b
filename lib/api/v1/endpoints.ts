import "server-only";
import type { Endpoint } from "../http";
import { listUsersEndpoint } from "./users";
import {
  createDatasheetEndpoint,
  deleteDatasheetEndpoint,
  getDatasheetEndpoint,
  listDatasheetsEndpoint,
  listStatusChangesEndpoint,
  updateDatasheetEndpoint,
} from "./datasheets";

/** Every endpoint of API v1, in the reference's order: the OpenAPI document is made from this list. */
export const endpoints = [
  listUsersEndpoint,
  listDatasheetsEndpoint,
  createDatasheetEndpoint,
  getDatasheetEndpoint,
  updateDatasheetEndpoint,
  deleteDatasheetEndpoint,
  listStatusChangesEndpoint,
] as unknown as readonly Endpoint<never, never, never>[];
