// createAction's failures: a UserError keeps its message and code; anything else, V8's own RangeError
// included, is logged with a reference and answered generically.
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { createAction } from "./action";
import { actAs } from "./auth/test-support";
import { prepareDatabase } from "./services/prepare-database";
import { UserError } from "./errors";
import { ImportInputError } from "./services/import/analyse";

vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
afterEach(() => vi.restoreAllMocks());

const failing = (error: unknown) => createAction({ name: "failing", permission: "dashboards:read", input: z.object({}), run: async () => Promise.reject(error) });

beforeAll(async () => {
  await prepareDatabase({ seedIfEmpty: false });
  await actAs("viewer");
});

describe("createAction failures", () => {
  it("gives a UserError's message and code to the person, subclasses included", async () => {
    expect(await failing(new UserError("There is no such run.", "not_found"))({})).toEqual({ ok: false, code: "not_found", message: "There is no such run." });
    expect(await failing(new ImportInputError("The file is empty."))({})).toEqual({ ok: false, code: "rejected", message: "The file is empty." });
  });

  it("turns V8's own RangeError into a generic internal failure with a reference", async () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    const r = await failing(new RangeError("Invalid typed array length: -1"))({});
    expect(r).toMatchObject({ ok: false, code: "internal", message: expect.stringMatching(/^Something went wrong on our side \(reference [0-9a-f]{8}\)/) });
    const ref = !r.ok && /reference ([0-9a-f]{8})/.exec(r.message)?.[1];
    const logged = log.mock.calls.flat().join(" ");
    expect(logged).toContain(`[failing] unexpected RangeError (ref ${ref})`);
    expect(logged).not.toContain("typed array");
  });

  it("logs an unexpected error's code when it is an identifier, not when it could be data", async () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    const busy = Object.assign(new Error("database is locked"), { code: "SQLITE_BUSY" });
    const r = await failing(busy)({});
    const ref = !r.ok && /reference ([0-9a-f]{8})/.exec(r.message)?.[1];
    expect(log.mock.calls.flat().join(" ")).toContain(`[failing] unexpected Error SQLITE_BUSY (ref ${ref})`);
    log.mockClear();
    await failing(Object.assign(new Error("x"), { code: "ana.lyst@example.com" }))({});
    expect(log.mock.calls.flat().join(" ")).not.toContain("ana.lyst");
  });

  it("never logs personal data an unexpected error carries, and never shows it to the person", async () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    const r = await failing(new Error('UNIQUE constraint failed for row "ana.lyst@example.com,Ana Lyst"'))({});
    expect(r).toMatchObject({ ok: false, code: "internal" });
    const everything = [...log.mock.calls.flat().map(String), JSON.stringify(r)].join(" ");
    expect(everything).not.toContain("ana.lyst@example.com");
    expect(everything).not.toContain("Ana Lyst");
  });
});
