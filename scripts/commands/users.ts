import { parseArgs } from "node:util";
import { ROLES } from "../../lib/auth/roles";
import { UserError } from "../../lib/errors";
import { prepareDatabase } from "../../lib/services/prepare-database";
import { cliActor, type Command, UsageError } from "../cli-support";

const USAGE = `users create --email E --password P --role ${ROLES.join("|")} [--name N] | users list | users set-role --email E --role R`;

export const usersCommand: Command = {
  name: "users",
  summary: "create users, list them, change their role (the first user can also be made on the set-up page)",
  usage: `${USAGE} [--json]`,
  async run(args, ctx) {
    const [verb, ...rest] = args;
    const { values } = parseArgs({
      args: rest,
      options: { email: { type: "string" }, password: { type: "string" }, role: { type: "string" }, name: { type: "string" }, json: { type: "boolean", default: false } },
      strict: true,
    });
    await prepareDatabase({ seedIfEmpty: false });
    // Loaded here, not at the CLI's start: the password hashing and auth modules are not every command's cost.
    const [{ findUserByEmail, listUsers }, { createUser, NewUserInput, setUserRole }] = await Promise.all([import("../../lib/db/users"), import("../../lib/services/users")]);
    if (verb === "list") {
      const users = await listUsers();
      return { json: { users }, text: users.length ? users.map((u) => `${u.email}  ${u.role}  since ${u.createdAt.toISOString().slice(0, 10)}`).join("\n") : "No users yet: create one with `users create` or on the set-up page." };
    }
    if (verb === "create") {
      if (!values.email || !values.password || !values.role) throw new UsageError("users create needs --email, --password and --role");
      const parsed = NewUserInput.safeParse({ email: values.email, password: values.password, role: values.role, name: values.name });
      if (!parsed.success) throw new UsageError(parsed.error.issues.map((i) => `--${String(i.path[0])}: ${i.message}`).join("; "));
      const user = await createUser(parsed.data, cliActor());
      ctx.log(`users: created ${user.email} (${user.role})`);
      return { json: { user }, text: `Created ${user.email} with the role ${user.role}. They can sign in now.` };
    }
    if (verb === "set-role") {
      if (!values.email || !values.role) throw new UsageError("users set-role needs --email and --role");
      const role = NewUserInput.shape.role.safeParse(values.role);
      if (!role.success) throw new UsageError(`--role must be one of ${ROLES.join(", ")}, got "${values.role}"`);
      const user = await findUserByEmail(values.email);
      if (!user) throw new UserError(`There is no user with the email ${values.email.trim().toLowerCase()}.`, "not_found");
      const after = await setUserRole(user.id, role.data, cliActor());
      return { json: { user: after }, text: `${after.email} is now ${after.role}.` };
    }
    throw new UsageError(`users needs one of create, list, set-role${verb ? `, got "${verb}"` : ""}`);
  },
};
