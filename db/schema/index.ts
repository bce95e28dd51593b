export * from "./workspaces";
export * from "./users";
export * from "./auth";
export * from "./audit";
export * from "./jobs";
export * from "./modules";
export * from "./fields";
export * from "./datasheets";
