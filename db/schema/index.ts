export * from "./workspaces";
export * from "./users";
export * from "./auth";
export * from "./audit";
