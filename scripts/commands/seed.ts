import { parseArgs } from "node:util";
import { DEFAULT_DEMO_OPTIONS } from "../../lib/demo";
import { prepareDatabase } from "../../lib/services/prepare-database";
import { DatabaseNotEmptyError, seedDemo } from "../../lib/services/seed-demo";
import { type Command, parseDateFlag, parseIntegerFlag, UsageError } from "../cli-support";

export const seedCommand: Command = {
  name: "seed",
  summary: "load the generated demo shop",
  usage: "seed [--customers N] [--products N] [--events N] [--campaign-audience N] [--seed N] [--end-date YYYY-MM-DD] [--reset] [--json]",
  async run(args, ctx) {
    const { values } = parseArgs({
      args,
      options: {
        customers: { type: "string" },
        products: { type: "string" },
        events: { type: "string" },
        "campaign-audience": { type: "string" },
        seed: { type: "string" },
        "end-date": { type: "string" },
        reset: { type: "boolean", default: false },
        json: { type: "boolean", default: false },
      },
      strict: true,
    });
    const options = {
      seed: parseIntegerFlag("seed", values.seed, DEFAULT_DEMO_OPTIONS.seed),
      customers: parseIntegerFlag("customers", values.customers, DEFAULT_DEMO_OPTIONS.customers, 1),
      products: parseIntegerFlag("products", values.products, DEFAULT_DEMO_OPTIONS.products, 12),
      events: parseIntegerFlag("events", values.events, DEFAULT_DEMO_OPTIONS.events),
      endDate: parseDateFlag("end-date", values["end-date"]) ?? Date.now(),
      ...(values["campaign-audience"] === undefined ? {} : { campaignAudience: parseIntegerFlag("campaign-audience", values["campaign-audience"], 0, 1) }),
    };
    await prepareDatabase({ seedIfEmpty: false });
    let lastShown = 0;
    try {
      const summary = await seedDemo(options, {
        reset: values.reset,
        onProgress: (stage, done, total) => {
          const now = performance.now();
          if (now - lastShown < 1000 && !(total > 0 && done === total)) return;
          lastShown = now;
          ctx.log(`seed: ${stage} ${done.toLocaleString("en-GB")}${total ? ` / ${total.toLocaleString("en-GB")}` : ""}`);
        },
      });
      const text = `Loaded the demo shop in ${summary.seconds} s: ${summary.customers} customers, ${summary.products} products, ${summary.events} events (${summary.from} to ${summary.to}), ${summary.campaigns} campaigns with ${summary.campaignEvents} campaign events and ${summary.dailyStats} daily report rows.`;
      return { json: summary, text };
    } catch (e) {
      if (e instanceof DatabaseNotEmptyError) throw new UsageError(e.message);
      throw e;
    }
  },
};
