// The route helper: one spelling per id, a zod query error's body, and the one failure shape for expected
// and unexpected errors alike.
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { sessionHeaders } from "../auth/test-support";
import { UserError } from "../errors";
import { prepareDatabase } from "../services/prepare-database";
import { notFound, parseId, parseQuery, route } from "./route";

const ctx = <P>(params: P) => ({ params: Promise.resolve(params) });
let headers: Headers;
beforeAll(async () => {
  await prepareDatabase({ seedIfEmpty: false });
  headers = await sessionHeaders("viewer");
});
afterEach(() => vi.restoreAllMocks());

describe("parseId", () => {
  it("takes a positive integer up to 2^31 − 1 in its one spelling", () => {
    expect(parseId("1", "thing")).toBe(1);
    expect(parseId("2147483647", "thing")).toBe(2 ** 31 - 1);
  });

  it("answers anything else as a missing row", () => {
    for (const raw of ["0", "-1", "1.5", "abc", "2147483648", "99999999999", "007", "1e3", " 1", "", "../1"]) {
      expect(() => parseId(raw, "thing"), raw).toThrow(new UserError("There is no thing with this id.", "not_found"));
    }
    expect(notFound("thing")).toEqual(new UserError("There is no thing with this id.", "not_found"));
  });
});

describe("route", () => {
  const Query = z.object({ n: z.coerce.number().int().min(1, "n must be at least 1"), tag: z.string().optional() });
  const handler = route<{ id: string }>("test route", { permission: "dashboards:read" }, async (request, { id }) => {
    const q = parseQuery(request, Query);
    if (q.tag === "boom") throw new RangeError("Invalid typed array length: -1");
    if (q.tag === "busy") throw new UserError("Not yet.", "conflict");
    return Response.json({ id: parseId(id, "widget"), n: q.n });
  });

  it("passes the awaited params and the parsed query to the handler", async () => {
    const res = await handler(new Request("http://x/?n=3", { headers }), ctx({ id: "12" }));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ id: 12, n: 3 });
  });

  it("answers a query that fails its schema 400 with the issues by field", async () => {
    const res = await handler(new Request("http://x/?n=0", { headers }), ctx({ id: "12" }));
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ code: "invalid_input", message: "n: n must be at least 1", fieldErrors: { n: ["n must be at least 1"] } });
  });

  it("answers a UserError with its code's status and its message", async () => {
    const missing = await handler(new Request("http://x/?n=1", { headers }), ctx({ id: "007" }));
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ code: "not_found", message: "There is no widget with this id." });
    const busy = await handler(new Request("http://x/?n=1&tag=busy", { headers }), ctx({ id: "1" }));
    expect(busy.status).toBe(409);
    expect(await busy.json()).toEqual({ code: "conflict", message: "Not yet." });
    expect(busy.headers.get("Cache-Control")).toBe("no-store");
  });

  it("answers V8's own RangeError 500 with a reference, logged without its message", async () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    const res = await handler(new Request("http://x/?n=1&tag=boom", { headers }), ctx({ id: "1" }));
    expect(res.status).toBe(500);
    const body = (await res.json()) as { code: string; message: string };
    expect(body.code).toBe("internal");
    const ref = /^Something went wrong on our side \(reference ([0-9a-f]{8})\)/.exec(body.message)?.[1];
    expect(ref).toMatch(/^[0-9a-f]{8}$/);
    const logged = log.mock.calls.flat().join(" ");
    expect(logged).toContain(`[test route] unexpected RangeError (ref ${ref})`);
    expect(logged).not.toContain("typed array");
  });
});
