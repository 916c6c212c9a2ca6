"use server";
// The first run's only action: create the first admin. Refused as soon as any user exists, so the page
// cannot be used to make a second admin later.
import { createPublicAction } from "@/lib/action";
import { createFirstAdmin, NewUserInput } from "@/lib/services/users";

export const createFirstAdminAction = createPublicAction({
  name: "createFirstAdmin",
  input: NewUserInput.omit({ role: true }),
  run: async (input, { origin }) => {
    const user = await createFirstAdmin(input, { caller: null, origin, via: "set-up page" });
    return { email: user.email };
  },
});
