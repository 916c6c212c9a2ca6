import { parseArgs } from "node:util";
import type { CustomerLookup } from "../../lib/db/customer-erasure";
import { prepareDatabase } from "../../lib/services/prepare-database";
import { cliActor, type Command, parseIntegerFlag, UsageError } from "../cli-support";

function lookup(values: { id?: string; "external-id"?: string; email?: string }): CustomerLookup {
  const given = [values.id, values["external-id"], values.email].filter((v) => v !== undefined);
  if (given.length !== 1) throw new UsageError("name the customer with exactly one of --id, --external-id or --email");
  if (values.id !== undefined) return { id: parseIntegerFlag("id", values.id, 0, 1) };
  if (values["external-id"] !== undefined) return { externalId: values["external-id"] };
  return { email: values.email! };
}

export const customersCommand: Command = {
  name: "customers",
  summary: "GDPR: export everything stored about one customer as JSON, or erase them (and keep them from being imported again)",
  usage: "customers export|erase --id N|--external-id X|--email E [--json]",
  async run(args) {
    const [verb, ...rest] = args;
    const { values } = parseArgs({ args: rest, options: { id: { type: "string" }, "external-id": { type: "string" }, email: { type: "string" }, json: { type: "boolean", default: false } }, strict: true });
    if (verb !== "export" && verb !== "erase") throw new UsageError(`customers needs export or erase${verb ? `, got "${verb}"` : ""}`);
    const by = lookup(values);
    await prepareDatabase({ seedIfEmpty: false });
    const { eraseCustomer, exportCustomerData } = await import("../../lib/services/gdpr");
    if (verb === "export") {
      const data = await exportCustomerData(by, cliActor());
      return { json: data, text: JSON.stringify(data, null, 2) };
    }
    const r = await eraseCustomer(by, cliActor());
    const text = `Erased customer ${r.customerId}: ${r.events} events, ${r.campaignEvents} campaign events, ${r.segmentMemberships} segment memberships and ${r.importRowErrors} refused import rows removed; ${r.modelsDropped} stored model runs dropped${r.retrainingJobs.length ? ` and jobs ${r.retrainingJobs.join(", ")} queued to train them again` : ""}. Imports will refuse them from now on.`;
    return { json: r, text };
  },
};
