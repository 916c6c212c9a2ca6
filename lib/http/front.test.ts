import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backendFor, frontHandler } from "./front";

const servers: http.Server[] = [];
const listen = (s: http.Server) => new Promise<number>((r) => s.listen(0, "127.0.0.1", () => r((s.address() as AddressInfo).port)));

/** A backend that answers with what it was sent. */
function echo(name: string): http.Server {
  const s = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      res.setHeader("set-cookie", ["a=1; Path=/", "b=2; Path=/"]);
      res.writeHead(201, { "content-type": "application/json" });
      res.end(JSON.stringify({ name, method: req.method, url: req.url, xff: req.headers["x-forwarded-for"], host: req.headers.host, body: Buffer.concat(chunks).toString("utf8") }));
    });
  });
  servers.push(s);
  return s;
}

let base = "";
let downBase = "";
let flakyBase = "";
const flakyHits: string[] = [];

beforeAll(async () => {
  const ports = { pages: await listen(echo("pages")), api: await listen(echo("api")) };
  const front = http.createServer(frontHandler({ ports }));
  servers.push(front);
  base = `http://127.0.0.1:${await listen(front)}`;
  // A front whose API process is gone: a port nothing listens on.
  const gone = http.createServer();
  const dead = await listen(gone);
  await new Promise((r) => gone.close(r));
  const broken = http.createServer(frontHandler({ ports: { pages: ports.pages, api: dead } }));
  servers.push(broken);
  downBase = `http://127.0.0.1:${await listen(broken)}`;
  // A backend that drops a kept-alive connection on its second request, as one closing it for idleness
  // just as the front reuses it.
  const served = new WeakSet<object>();
  const flaky = http.createServer((req, res) => {
    flakyHits.push(served.has(req.socket) ? "reset" : "answered");
    if (served.has(req.socket)) return req.socket.destroy();
    served.add(req.socket);
    res.end("ok");
  });
  servers.push(flaky);
  const flakyPort = await listen(flaky);
  const flakyFront = http.createServer(frontHandler({ ports: { pages: flakyPort, api: flakyPort } }));
  servers.push(flakyFront);
  flakyBase = `http://127.0.0.1:${await listen(flakyFront)}`;
});

afterAll(() => Promise.all(servers.map((s) => new Promise((r) => s.close(r)))));

describe("the front of npm start", () => {
  it("sends the token APIs that answer one customer to the API process, everything else to the pages'", () => {
    expect(backendFor("/api/recommendations/17?algorithm=als&n=5")).toBe("api");
    expect(backendFor("/api/scores/17")).toBe("api");
    expect(backendFor("/api/recommendations")).toBe("pages"); // not a customer's path
    expect(backendFor("/recommendations?customer=C1")).toBe("pages");
    expect(backendFor("/api/segments/count")).toBe("pages");
    expect(backendFor("/")).toBe("pages");
  });

  it("passes the request through (path, query, method, body) and the answer back (status, every Set-Cookie)", async () => {
    const r = await fetch(`${base}/api/recommendations/17?n=5`, { method: "POST", body: "x".repeat(100_000), headers: { "x-forwarded-for": "203.0.113.9" } });
    expect(r.status).toBe(201);
    expect(r.headers.getSetCookie()).toEqual(["a=1; Path=/", "b=2; Path=/"]);
    const seen = (await r.json()) as Record<string, string>;
    expect(seen).toMatchObject({ name: "api", method: "POST", url: "/api/recommendations/17?n=5", xff: "203.0.113.9, 127.0.0.1", host: new URL(base).host });
    expect(seen.body).toHaveLength(100_000);
    const page = (await (await fetch(`${base}/segments?page=2`)).json()) as Record<string, string>;
    expect(page).toMatchObject({ name: "pages", method: "GET", url: "/segments?page=2", xff: "127.0.0.1" });
  });

  it("says which process is not answering, and keeps serving the other", async () => {
    const r = await fetch(`${downBase}/api/scores/3`);
    expect(r.status).toBe(502);
    expect(await r.text()).toBe("The app's API process is not answering (ECONNREFUSED). If it keeps happening, restart MarketLens (npm start) and read its log.");
    expect((await fetch(`${downBase}/data`)).status).toBe(201);
  });

  it("sends a request again on a new connection when a kept-alive one turns out closed", async () => {
    expect(await (await fetch(`${flakyBase}/segments`)).text()).toBe("ok");
    const again = await fetch(`${flakyBase}/segments`);
    expect([again.status, await again.text()]).toEqual([200, "ok"]);
    expect(flakyHits).toEqual(["answered", "reset", "answered"]);
  });
});
