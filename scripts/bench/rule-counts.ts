// Times rule segment counts on the database named by DATABASE_URL; prints JSON rows for bench:segment.
import { getDb } from "../../lib/db/client";
import { closeDirect } from "../../lib/db/direct";
import { countRuleMembers } from "../../lib/db/segment-rules";
import { describeRule, type RuleNode } from "../../lib/segments/rules";
import { prepareDatabase } from "../../lib/services/prepare-database";

const RULES: RuleNode[] = [
  { all: [{ field: "country", op: "eq", value: "United Kingdom" }, { field: "age", op: "between", values: [25, 40] }] },
  { all: [{ field: "orders", op: "gte", value: 3 }, { field: "lastPurchaseAt", op: "withinDays", value: 60 }] },
  { any: [{ all: [{ field: "revenue", op: "gt", value: 500 }, { field: "income", op: "gte", value: 60_000 }] }, { field: "country", op: "in", values: ["Germany", "France"] }] },
];

await prepareDatabase({ seedIfEmpty: false });
const out = [];
for (const rule of RULES) {
  const times: number[] = [];
  let customers = 0;
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    customers = await countRuleMembers(rule);
    times.push(performance.now() - t);
  }
  out.push({ rule: describeRule(rule), customers, ms: Math.round(times.sort((a, b) => a - b)[2]!) });
}
console.log(JSON.stringify(out));
await closeDirect();
await getDb().$disconnect();
