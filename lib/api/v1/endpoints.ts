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
import { listEmailsEndpoint } from "./emails";
import { logHistoryEndpoint } from "./history";
import { addInvoiceEndpoint, markInvoicePaidEndpoint } from "./invoices";
import { listModulesEndpoint } from "./modules";
import { runStatusChecksEndpoint } from "./status-checks";
import { addTodoEndpoint, updateTodoEndpoint } from "./todos";

/** Every endpoint of API v1, in the reference's order: the OpenAPI document is made from this list. */
export const endpoints = [
  listUsersEndpoint,
  listDatasheetsEndpoint,
  createDatasheetEndpoint,
  getDatasheetEndpoint,
  updateDatasheetEndpoint,
  deleteDatasheetEndpoint,
  listStatusChangesEndpoint,
  listModulesEndpoint,
  addTodoEndpoint,
  updateTodoEndpoint,
  logHistoryEndpoint,
  addInvoiceEndpoint,
  markInvoicePaidEndpoint,
  listEmailsEndpoint,
  runStatusChecksEndpoint,
] as unknown as readonly Endpoint<never, never, never>[];
