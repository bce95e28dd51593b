/**
 * `npm run api-key -- --email <user email> [--name <label>]`: makes an API key acting as the user
 * who signs in with that email, against DATABASE_URL or the embedded database (CRM_DATA_DIR, else
 * ./.data), and prints the key alone on the last line of its output (for scripts and first
 * integrations; Settings → API keys does the same in the app).
 *
 * The embedded database belongs to one process at a time: while the app runs on the folder this
 * stops with a message. On an empty folder it does what the app's first start does (migrates, seeds
 * the demo workspace), through the same code, so the app later starts on what it would have made.
 */
import { parseArgs } from "node:util";
import { z } from "zod";
import { openConnection, useConnection as setConnection } from "../db/client";
import { dataDir, isEmbedded } from "../db/config";
import type { Connection } from "../db/drivers/types";
import { DataFolderInUseError } from "../db/lock";
import { createApiKeyForEmail } from "../lib/api/keys";
import { prepareDatabase } from "../lib/server/start";

const USAGE = `Usage: npm run api-key -- --email <user email> [--name <label>]

Makes an API key that acts as the user who signs in with that email (with their role and what
they may see), and prints it alone on the last line. The key is shown only this once.

  --email  the user's login email (required)
  --name   a label to recognise the key by in Settings → API keys (default: "Command line")`;

/** A message for the person at the terminal, without a stack trace, and a non-zero exit. */
class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

const optionsSchema = z.object({
  email: z.email(),
  name: z.string().trim().min(1).max(100),
});

function readOptions(argv: string[]): z.output<typeof optionsSchema> {
  let values: { email?: string; name?: string; help?: boolean };
  try {
    ({ values } = parseArgs({ args: argv, options: { email: { type: "string" }, name: { type: "string" }, help: { type: "boolean", short: "h" } } }));
  } catch (error) {
    throw new CliError(`${(error as Error).message}\n\n${USAGE}`, 2);
  }
  if (values.help) throw new CliError(USAGE, 0);
  if (!values.email) throw new CliError(`--email is missing.\n\n${USAGE}`, 2);
  const parsed = optionsSchema.safeParse({ email: values.email.trim(), name: values.name ?? "Command line" });
  if (!parsed.success) {
    const field = String(parsed.error.issues[0]?.path[0]);
    const problem = field === "email" ? `"${values.email}" is not an email address.` : "--name must be 1 to 100 characters.";
    throw new CliError(`${problem}\n\n${USAGE}`, 2);
  }
  return parsed.data;
}

async function open(): Promise<Connection> {
  try {
    return await openConnection();
  } catch (error) {
    if (error instanceof DataFolderInUseError) {
      throw new CliError(
        `${error.message}\nThe embedded database takes one process at a time: is the app running on ${dataDir()}? ` +
          "Stop it and run this again, or create the key in the running app (Settings → API keys).",
      );
    }
    throw error;
  }
}

async function main(): Promise<void> {
  const options = readOptions(process.argv.slice(2));
  const connection = await open();
  try {
    setConnection(connection);
    const { isSeeded } = await prepareDatabase(connection.db);
    if (isSeeded) console.error(`The database was empty: it is now set up as the app's first start does, with the demo workspace.`);
    const { key, user } = await createApiKeyForEmail(connection.db, options.email, options.name).catch((error: unknown) => {
      // The service's own refusals (no such login, a deactivated user) are messages for the reader.
      throw new CliError((error as Error).message);
    });
    const where = isEmbedded() ? dataDir() : "DATABASE_URL";
    console.error(`API key "${options.name}" for ${user.email} (${user.role}) in ${where}. Keep it secret: it is not shown again.`);
    console.log(key);
  } finally {
    await connection.close();
  }
}

try {
  await main();
} catch (error) {
  if (error instanceof CliError) {
    (error.exitCode === 0 ? console.log : console.error)(error.message);
    process.exitCode = error.exitCode;
  } else {
    console.error(`Could not make the key: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  }
}
