// How an admin names one customer (page, API, CLI): a database id, an external id or an email address.
import { z } from "zod";
import type { CustomerLookup } from "../db/customer-erasure";

export const CustomerLookupInput = z
  .object({ by: z.enum(["id", "externalId", "email"]), value: z.string().trim().min(1, "enter the customer's id, external id or email").max(254) })
  .transform((v, ctx): CustomerLookup => {
    if (v.by === "id") {
      if (!/^[1-9]\d{0,9}$/.test(v.value)) {
        ctx.addIssue({ code: "custom", path: ["value"], message: "a database id is a whole number such as 1234" });
        return z.NEVER;
      }
      return { id: Number(v.value) };
    }
    return v.by === "externalId" ? { externalId: v.value } : { email: v.value };
  });
