/** The e2e servers (playwright.config.ts starts both): E2E_PORT lets a second checkout run its own beside them. */
export const e2ePort = Number(process.env.E2E_PORT ?? 3100);
export const baseURL = `http://127.0.0.1:${e2ePort}`;
/** A Hungarian first start on its own data folder: the demo seeded in Hungarian. */
export const hungarianPort = e2ePort + 1;
export const hungarianURL = `http://127.0.0.1:${hungarianPort}`;
