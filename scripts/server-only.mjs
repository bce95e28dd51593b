// `npm run …` scripts run server modules outside Next.js. "server-only" is a marker the Next.js
// bundler resolves to nothing on the server (and to an error in a client bundle); here it
// resolves to nothing, as it does on the server.
import { register } from "node:module";

register(
  "data:text/javascript," +
    encodeURIComponent(
      `export async function resolve(specifier, context, next) {
        if (specifier === "server-only") return { url: "data:text/javascript,export {};", shortCircuit: true };
        return next(specifier, context);
      }`,
    ),
  import.meta.url,
);
