// The people the browser journeys sign in as: the first admin is made on the set-up page
// (first-run.spec.ts), the others by that admin on the Users page; each role's signed-in browser state is
// saved for the specs that act as it.
export const PASSWORD = "browser test passphrase";
export const ROLES = ["admin", "analyst", "marketer", "viewer"] as const;
export type Role = (typeof ROLES)[number];

export const emailOf = (role: Role) => `${role}@shop.example`;
export const stateOf = (role: Role) => `e2e/.auth/${role}.json`;
