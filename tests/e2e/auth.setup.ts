import { test as setup } from "@playwright/test";
import { newContext, signIn } from "./support/app";
import { DEMO_PASSWORD, demoUsers, roles, storageStateOf } from "./support/users";

// Each role signs in once through the real form; the tests reuse the saved browser state.
for (const role of roles) {
  setup(`sign in as ${role}`, async ({ browser }) => {
    const context = await newContext(browser, "signedOut");
    const page = await context.newPage();
    await signIn(page, demoUsers[role].email, DEMO_PASSWORD);
    await context.storageState({ path: storageStateOf(role) });
    await context.close();
  });
}
