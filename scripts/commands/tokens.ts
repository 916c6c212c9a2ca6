import { parseArgs } from "node:util";
import { SCOPES } from "../../lib/auth/roles";
import { prepareDatabase } from "../../lib/services/prepare-database";
import { cliActor, type Command, parseIntegerFlag, UsageError } from "../cli-support";

export const tokensCommand: Command = {
  name: "tokens",
  summary: "API tokens for the REST API: create one for a user (shown once), list them, revoke one",
  usage: `tokens create --user E --scopes ${SCOPES.join(",")} [--expires-days N] [--name N] | tokens list | tokens revoke --id N [--json]`,
  async run(args) {
    const [verb, ...rest] = args;
    const { values } = parseArgs({
      args: rest,
      options: { user: { type: "string" }, scopes: { type: "string" }, "expires-days": { type: "string" }, name: { type: "string" }, id: { type: "string" }, json: { type: "boolean", default: false } },
      strict: true,
    });
    await prepareDatabase({ seedIfEmpty: false });
    const { createApiToken, listTokens, revokeToken } = await import("../../lib/services/api-tokens");
    if (verb === "create") {
      if (!values.user || !values.scopes) throw new UsageError("tokens create needs --user and --scopes");
      const expiresDays = values["expires-days"] === undefined ? null : parseIntegerFlag("expires-days", values["expires-days"], 0, 1);
      const t = await createApiToken({ userEmail: values.user, scopes: values.scopes.split(",").map((s) => s.trim()).filter(Boolean), expiresDays, name: values.name }, cliActor());
      return {
        json: { id: t.id, token: t.token, scopes: t.scopes, expiresAt: t.expiresAt },
        text: `Token ${t.id} for ${t.user} (${t.scopes.join(", ")}${t.expiresAt ? `, expires ${t.expiresAt.slice(0, 10)}` : ", no expiry"}):\n${t.token}\nIt is shown only this once: store it now. Send it as "Authorization: Bearer <token>".`,
      };
    }
    if (verb === "list") {
      const tokens = await listTokens();
      const json = tokens.map((t) => ({ id: t.id, name: t.name, prefix: t.prefix, user: t.user.email, scopes: t.scopes, expiresAt: t.expiresAt, revokedAt: t.revokedAt, lastUsedAt: t.lastUsedAt, createdAt: t.createdAt }));
      const text = tokens.length ? tokens.map((t) => `${t.id}  ${t.prefix}…  ${t.user.email}  ${t.scopes.join(",")}  ${t.revokedAt ? "revoked" : t.expiresAt ? `expires ${t.expiresAt.toISOString().slice(0, 10)}` : "no expiry"}`).join("\n") : "No API tokens.";
      return { json: { tokens: json }, text };
    }
    if (verb === "revoke") {
      const id = parseIntegerFlag("id", values.id, 0, 1);
      if (!values.id) throw new UsageError("tokens revoke needs --id");
      await revokeToken(id, cliActor());
      return { json: { id, revoked: true }, text: `Token ${id} is revoked: calls with it are refused from now on.` };
    }
    throw new UsageError(`tokens needs one of create, list, revoke${verb ? `, got "${verb}"` : ""}`);
  },
};
