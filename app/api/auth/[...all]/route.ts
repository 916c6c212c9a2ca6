// better-auth's own endpoints (sign-in, sign-out, session): public by nature, rate-limited by better-auth
// (lib/auth/auth.ts). Sign-up is switched off there: accounts come from the set-up page and admins only.
import { getAuth } from "@/lib/auth/auth";

export const GET = (request: Request) => getAuth().handler(request);
export const POST = (request: Request) => getAuth().handler(request);
