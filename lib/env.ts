// The one place the environment is read. Everything else imports `env`.
import path from "node:path";
import { z } from "zod";

const EnvSchema = z.object({
  /** `file:…` for SQLite (the default, nothing to set up) or `postgresql://…` for PostgreSQL 15 or newer. */
  DATABASE_URL: z
    .string()
    .trim()
    .min(1)
    .refine((u) => databaseProvider(u) !== null, {
      message: 'must be a SQLite URL such as "file:./data/marketlens.db" or a PostgreSQL one such as "postgresql://user:password@localhost:5432/marketlens"',
    })
    .default("file:./data/marketlens.db"),
  /**
   * Where uploads, rejected-rows files and the generated secret are kept. Defaults to the SQLite file's
   * folder, or ./data on PostgreSQL.
   */
  MARKETLENS_DATA_DIR: z.string().trim().min(1).optional(),
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  /** Locale and currency for numbers on the pages. */
  MARKETLENS_LOCALE: z.string().trim().min(2).default("en-GB"),
  MARKETLENS_CURRENCY: z.string().trim().regex(/^[A-Z]{3}$/, "must be a three-letter ISO 4217 code such as GBP").default("GBP"),
  /** Set to "0" to start with an empty database instead of the demo shop. */
  MARKETLENS_SEED_DEMO: z.enum(["0", "1"]).default("1"),
  /**
   * "1": `npm start` serves the token APIs (recommendations, scores) from a process of their own behind
   * the same port, so they never wait behind a page (scripts/serve.ts); "0": one process for everything,
   * for a machine short of memory (the second process holds the trained models it serves).
   */
  MARKETLENS_API_PROCESS: z.enum(["0", "1"]).default("1"),
  /** Largest file the upload page accepts, in megabytes (the CLI reads files of any size). */
  MARKETLENS_MAX_UPLOAD_MB: z.coerce.number().int().min(1, "must be at least 1").default(1024),
  /**
   * Where clustering, training and evaluation jobs compute: "process" (a child process per job, so the
   * web server keeps answering) or "inline" (in the calling process; tests use it).
   */
  MARKETLENS_JOBS: z.enum(["process", "inline", "worker"]).default("process"),
  /**
   * "1": an import reads and checks its file in a second thread while the first writes (where a thread can
   * be started: the CLI and job processes); "0": both in one thread, which uses one core.
   */
  MARKETLENS_IMPORT_THREAD: z.enum(["0", "1"]).default("1"),
  /**
   * Signs sessions and keys the hashes and encryption of personal data. When unset, a random one is made on
   * first start and kept in the data folder (lib/auth/secret.ts). A weak one set by hand is refused.
   */
  MARKETLENS_SECRET: z
    .string()
    .optional()
    .superRefine((s, ctx) => {
      const weakness = s === undefined ? null : secretWeakness(s);
      if (weakness) ctx.addIssue({ code: "custom", message: weakness });
    }),
  /**
   * "1": customers' email and name are stored encrypted (AES-256-GCM under a key derived from the secret),
   * with keyed indexes for exact lookups; existing rows are encrypted at the next start (lib/auth/pii-crypto.ts).
   */
  MARKETLENS_ENCRYPT_PII: z.enum(["0", "1"]).default("0"),
  /**
   * The address people open, e.g. https://marketlens.example.com. With https, cookies are marked Secure and
   * named __Secure-…; state-changing requests must come from this origin.
   */
  MARKETLENS_BASE_URL: z
    .url({ protocol: /^https?$/, message: "must be an http:// or https:// address such as https://marketlens.example.com" })
    .transform((u) => u.replace(/\/+$/, ""))
    .optional(),
});

/** Why a hand-set secret is too weak to sign sessions with, or null. 32 characters of real variety. */
export function secretWeakness(s: string): string | null {
  if (s.length < 32) return `is ${s.length} characters long: use at least 32 random characters (e.g. the output of \`openssl rand -base64 32\`)`;
  if (new Set(s).size < 10) return "repeats too few characters to be random: use e.g. the output of `openssl rand -base64 32`";
  if (/^(?:changeme|secret|password|marketlens|example)/i.test(s)) return "looks like a placeholder: use e.g. the output of `openssl rand -base64 32`";
  return null;
}

export type Env = z.infer<typeof EnvSchema>;

function readEnv(source: NodeJS.ProcessEnv): Env {
  const parsed = EnvSchema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join("\n")}`);
  }
  return parsed.data;
}

export const env: Env = readEnv(process.env);

export type DatabaseProvider = "sqlite" | "postgresql";

/** Which database a URL names, or null for one the app cannot use. */
export function databaseProvider(url: string): DatabaseProvider | null {
  if (url.startsWith("file:")) return "sqlite";
  if (/^postgres(?:ql)?:\/\//.test(url)) return "postgresql";
  return null;
}

/** The configured database's provider. */
export function configuredProvider(url: string = env.DATABASE_URL): DatabaseProvider {
  return databaseProvider(url) ?? "sqlite";
}

/** Absolute path of the SQLite file named by a `file:` URL, relative paths taken from the project root. */
export function sqliteFilePath(url: string = env.DATABASE_URL): string {
  if (!url.startsWith("file:")) throw new RangeError("sqliteFilePath: the database is not SQLite");
  const p = url.replace(/^file:/, "").replace(/\?.*$/, "");
  return path.isAbsolute(p) ? p : path.resolve(/*turbopackIgnore: true*/ process.cwd(), p);
}

/** The database named for people: the SQLite file's path, or PostgreSQL's host and database without credentials. */
export function databaseLabel(url: string = env.DATABASE_URL): string {
  if (configuredProvider(url) === "sqlite") return sqliteFilePath(url);
  const u = new URL(url);
  return `PostgreSQL ${u.hostname || u.searchParams.get("host") || "localhost"}${u.port ? `:${u.port}` : ""}/${u.pathname.replace(/^\//, "")}`;
}

/** Folder for uploads and rejected-rows files: beside the SQLite file, so one folder holds the app's data. */
export function dataDir(): string {
  if (env.MARKETLENS_DATA_DIR) return path.resolve(/*turbopackIgnore: true*/ process.cwd(), env.MARKETLENS_DATA_DIR);
  return configuredProvider() === "sqlite" ? path.dirname(sqliteFilePath()) : path.resolve(/*turbopackIgnore: true*/ process.cwd(), "data");
}
