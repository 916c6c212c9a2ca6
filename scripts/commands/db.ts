import { parseArgs } from "node:util";
import { prepareDatabase } from "../../lib/services/prepare-database";
import { type Command, UsageError } from "../cli-support";

export const dbCommand: Command = {
  name: "db",
  summary: "db copy --to URL: copies every table of this database into an empty PostgreSQL database (migrated first), checking every table's count at the end",
  usage: "db copy --to postgresql://user:password@host:5432/name [--json]",
  async run(args, ctx) {
    const [sub, ...rest] = args;
    if (sub !== "copy") throw new UsageError(sub ? `unknown db command "${sub}"` : "say what to do: db copy --to URL");
    const { values } = parseArgs({ args: rest, options: { to: { type: "string" }, json: { type: "boolean", default: false } }, strict: true });
    if (!values.to) throw new UsageError("--to is required: the PostgreSQL database to copy into");
    const { copyDatabaseTo } = await import("../../lib/db/copy-database");
    await prepareDatabase({ seedIfEmpty: false });
    let shown = 0;
    let last = "";
    const result = await copyDatabaseTo(values.to, ({ table, copied, rows }) => {
      const now = performance.now();
      if (table === last && now - shown < 1000 && copied < rows) return;
      shown = now;
      last = table;
      ctx.log(`db copy: ${table} ${copied.toLocaleString("en-GB")} of ${rows.toLocaleString("en-GB")} rows${rows ? ` (${Math.round((100 * copied) / rows)}%)` : ""}`);
    });
    const text = [`Copied ${result.rows.toLocaleString("en-GB")} rows in ${result.tables.length} tables to ${result.target} in ${result.seconds} s; every table's count matches.`, ...result.tables.filter((t) => t.rows > 0).map((t) => `  ${t.table.padEnd(28)} ${t.rows.toLocaleString("en-GB").padStart(12)}`), `To use it: set DATABASE_URL to that database and start MarketLens.`].join("\n");
    return { json: result, text };
  },
};
