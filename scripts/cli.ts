// npm run -s cli -- <command> [flags]. With --json a command prints exactly one JSON object on stdout;
// progress goes to stderr; errors go to stderr with exit code 1 (2 for a bad command line). As in actions
// and routes, a UserError's message is printed as it is; anything else is a bug or an outage, logged with a
// reference (without its message, which may quote a row) and answered with a generic line.
import { disconnectDb } from "../lib/db/client";
import { closeDirect } from "../lib/db/direct";
import { describeError, UserError } from "../lib/errors";
import { type Command, UsageError } from "./cli-support";
import { abTestCommand } from "./commands/ab-test";
import { attributionCommand } from "./commands/attribution";
import { auditCommand } from "./commands/audit";
import { campaignReportCommand } from "./commands/campaign-report";
import { customersCommand } from "./commands/customers";
import { dbCommand } from "./commands/db";
import { evalRecsCommand } from "./commands/eval-recs";
import { evalScoringCommand } from "./commands/eval-scoring";
import { fairnessCommand } from "./commands/fairness";
import { importCommand } from "./commands/import";
import { jobsCommand } from "./commands/jobs";
import { kmeansCommand } from "./commands/kmeans";
import { seedCommand } from "./commands/seed";
import { segmentCommand } from "./commands/segment";
import { tokensCommand } from "./commands/tokens";
import { usersCommand } from "./commands/users";

const COMMANDS: readonly Command[] = [seedCommand, importCommand, jobsCommand, kmeansCommand, segmentCommand, campaignReportCommand, abTestCommand, attributionCommand, evalRecsCommand, evalScoringCommand, fairnessCommand, usersCommand, tokensCommand, customersCommand, auditCommand, dbCommand];

function help(): string {
  return ["Usage: npm run -s cli -- <command> [flags]", "", "Commands:", ...COMMANDS.map((c) => `  ${c.usage}\n      ${c.summary}`)].join("\n");
}

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === "help" || name === "--help" || name === "-h") {
    console.log(help());
    return name ? 0 : 2;
  }
  const command = COMMANDS.find((c) => c.name === name);
  const json = args.includes("--json");
  if (!command) {
    console.error(`Unknown command "${name}".\n${help()}`);
    return 2;
  }
  try {
    const out = await command.run(args, { json, log: (line) => console.error(line) });
    console.log(json ? JSON.stringify(out.json) : out.text);
    return 0;
  } catch (e) {
    const usage = e instanceof UsageError || (e instanceof TypeError && "code" in e && String(e.code).startsWith("ERR_PARSE_ARGS"));
    const message = usage || e instanceof UserError ? (e as Error).message : describeError(e, `cli ${command.name}`).message;
    console.error(`${command.name}: ${message}`);
    if (usage) console.error(`Usage: npm run -s cli -- ${command.usage}`);
    return usage ? 2 : 1;
  } finally {
    await closeDirect();
    await disconnectDb();
  }
}

main(process.argv.slice(2)).then((code) => process.exit(code));
