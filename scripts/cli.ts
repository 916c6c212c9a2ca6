// npm run -s cli -- <command> [flags]. With --json a command prints exactly one JSON object on stdout;
// progress goes to stderr; errors go to stderr with exit code 1 (2 for a bad command line). As in actions
// and routes, a UserError's message is printed as it is; anything else is a bug or an outage, logged with a
// reference (without its message, which may quote a row) and answered with a generic line.
import { disconnectDb } from "../lib/db/client";
import { closeDirect } from "../lib/db/direct";
import { describeError, UserError } from "../lib/errors";
import { type Command, UsageError } from "./cli-support";

// Each command's module is loaded only when it runs (help loads them all): an import has no use for the
// account code, whose libraries alone took ~0.5 s to load.
const COMMANDS: Readonly<Record<string, () => Promise<Command>>> = {
  seed: async () => (await import("./commands/seed")).seedCommand,
  import: async () => (await import("./commands/import")).importCommand,
  jobs: async () => (await import("./commands/jobs")).jobsCommand,
  kmeans: async () => (await import("./commands/kmeans")).kmeansCommand,
  segment: async () => (await import("./commands/segment")).segmentCommand,
  "campaign-report": async () => (await import("./commands/campaign-report")).campaignReportCommand,
  "ab-test": async () => (await import("./commands/ab-test")).abTestCommand,
  attribution: async () => (await import("./commands/attribution")).attributionCommand,
  "eval-recs": async () => (await import("./commands/eval-recs")).evalRecsCommand,
  "eval-scoring": async () => (await import("./commands/eval-scoring")).evalScoringCommand,
  fairness: async () => (await import("./commands/fairness")).fairnessCommand,
  users: async () => (await import("./commands/users")).usersCommand,
  tokens: async () => (await import("./commands/tokens")).tokensCommand,
  customers: async () => (await import("./commands/customers")).customersCommand,
  audit: async () => (await import("./commands/audit")).auditCommand,
  db: async () => (await import("./commands/db")).dbCommand,
};

async function help(): Promise<string> {
  const commands = await Promise.all(Object.values(COMMANDS).map((load) => load()));
  return ["Usage: npm run -s cli -- <command> [flags]", "", "Commands:", ...commands.map((c) => `  ${c.usage}\n      ${c.summary}`)].join("\n");
}

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === "help" || name === "--help" || name === "-h") {
    console.log(await help());
    return name ? 0 : 2;
  }
  const load = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  const json = args.includes("--json");
  if (!load) {
    console.error(`Unknown command "${name}".\n${await help()}`);
    return 2;
  }
  const command = await load();
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
