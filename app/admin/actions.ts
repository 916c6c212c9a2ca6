"use server";
// Admin: users and their roles, API tokens. Each service writes its own audit entry.
import { z } from "zod";
import { createAction } from "@/lib/action";
import { ROLES, SCOPES } from "@/lib/auth/roles";
import { createApiToken, MAX_TOKEN_DAYS, revokeToken } from "@/lib/services/api-tokens";
import { createUser, NewUserInput, setUserRole } from "@/lib/services/users";

export const createUserAction = createAction({
  name: "user.create",
  permission: "admin",
  input: NewUserInput,
  revalidate: ["/admin"],
  run: async (input, { caller, origin }) => {
    const user = await createUser(input, { caller, origin, via: "admin page" });
    return { email: user.email, role: user.role };
  },
});

export const setRoleAction = createAction({
  name: "user.role",
  permission: "admin",
  input: z.object({ userId: z.string().min(1).max(64), role: z.enum(ROLES) }),
  revalidate: ["/admin"],
  run: async ({ userId, role }, { caller, origin }) => {
    const user = await setUserRole(userId, role, { caller, origin, via: "admin page" });
    return { email: user.email, role: user.role };
  },
});

export const createTokenAction = createAction({
  name: "token.create",
  permission: "admin",
  input: z.object({
    userEmail: z.string().min(1, "choose the user the token acts as").max(254),
    name: z.string().trim().max(80).default(""),
    scopes: z.array(z.enum(SCOPES)).min(1, "choose at least one scope"),
    expiresDays: z.number().int().min(1).max(MAX_TOKEN_DAYS).nullable().default(null),
  }),
  revalidate: ["/admin/tokens"],
  run: async (input, { caller, origin }) => createApiToken(input, { caller, origin, via: "admin page" }),
});

export const revokeTokenAction = createAction({
  name: "token.revoke",
  permission: "admin",
  input: z.object({ id: z.number().int().positive() }),
  revalidate: ["/admin/tokens"],
  run: async ({ id }, { caller, origin }) => {
    await revokeToken(id, { caller, origin, via: "admin page" });
    return { id };
  },
});
