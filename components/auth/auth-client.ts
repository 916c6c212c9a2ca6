// The browser side of better-auth: sign-in and sign-out go to /api/auth/* on this app's own origin.
import { createAuthClient } from "better-auth/react";

export const authClient = createAuthClient();
