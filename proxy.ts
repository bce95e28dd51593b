import NextAuth from "next-auth";
import { authConfig } from "@/lib/auth/config";
import { authSecret } from "@/lib/auth/secret";

// Only "is there a valid session cookie": the database check happens in getCurrentUser().
const { auth } = NextAuth(() => ({ ...authConfig, secret: authSecret() }));
export default auth;

export const config = {
  // Everything but static files; the authorized callback lets the public routes through.
  matcher: ["/((?!_next/static|_next/image|favicon.ico|.*\\.(?:png|jpg|svg|webp|ico)$).*)"],
};
