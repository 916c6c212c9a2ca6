"use server";
// Erasing one customer from the admin page (GDPR art. 17). Export is a download route (app/api/customers/export).
import { createAction } from "@/lib/action";
import { CustomerLookupInput } from "@/lib/services/customer-lookup";
import { eraseCustomer } from "@/lib/services/gdpr";

export const eraseCustomerAction = createAction({
  name: "customer.erase",
  permission: "admin",
  input: CustomerLookupInput,
  revalidate: ["/admin/customers", "/data", "/segments"],
  run: async (by, { caller, origin }) => eraseCustomer(by, { caller, origin, via: "admin page" }),
});
