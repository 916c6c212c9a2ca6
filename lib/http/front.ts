// The front of `npm start`: one port for people and programs, two app processes behind it. The token APIs
// that answer one customer at a time (recommendations, scores) have a process of their own, so their few
// milliseconds of work never wait behind a page render or a synchronous SQLite aggregate on the pages'
// event loop (bench:load measured API p95 of 18–29 s with one process for both). Everything else goes to
// the pages' process. This file only passes bytes along: no framework, nothing buffered, so uploads and
// exports stream through as they did, and each backend's headers (several Set-Cookie lines included) come
// back as they were sent.
import http from "node:http";

/** Paths served by the API process: each request is one customer's answer, wanted in milliseconds. */
const API_PREFIXES = ["/api/recommendations/", "/api/scores/"] as const;

export type Backend = "pages" | "api";

export function backendFor(url: string): Backend {
  return API_PREFIXES.some((p) => url.startsWith(p)) ? "api" : "pages";
}

export interface FrontOptions {
  /** Where each app process listens, on this machine. */
  ports: Record<Backend, number>;
}

const LABEL: Record<Backend, string> = { pages: "pages", api: "API" };

/** The front's request handler: each request piped to its backend and the answer piped back. */
export function frontHandler({ ports }: FrontOptions): http.RequestListener {
  const agent = new http.Agent({ keepAlive: true });
  return (req, res) => {
    const backend = backendFor(req.url ?? "/");
    const remote = req.socket.remoteAddress ?? "";
    const forwarded = req.headers["x-forwarded-for"];
    const headers = {
      ...req.headers,
      "x-forwarded-for": forwarded ? `${String(forwarded)}, ${remote}` : remote,
      "x-forwarded-proto": req.headers["x-forwarded-proto"] ?? "http",
      ...(req.headers.host ? { "x-forwarded-host": req.headers["x-forwarded-host"] ?? req.headers.host } : {}),
    };
    // A kept-alive connection the backend has just closed as idle fails at once: a request without a body
    // is sent again on a new connection (the pattern Node's documentation gives for `reusedSocket`).
    // bench:load counted such resets as 502s.
    const bodiless = req.method === "GET" || req.method === "HEAD";
    const send = (retry: boolean) => {
      const upstream = http.request({ host: "127.0.0.1", port: ports[backend], method: req.method, path: req.url, headers, agent }, (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.statusMessage, answer.headers);
        answer.pipe(res);
        answer.on("error", () => res.destroy());
      });
      upstream.on("error", (e: NodeJS.ErrnoException) => {
        if (retry && bodiless && upstream.reusedSocket && e.code === "ECONNRESET" && !res.headersSent) return send(false);
        if (res.headersSent) {
          res.destroy();
          return;
        }
        res.writeHead(502, { "content-type": "text/plain; charset=utf-8" });
        res.end(`The app's ${LABEL[backend]} process is not answering (${e.code ?? e.message}). If it keeps happening, restart MarketLens (npm start) and read its log.`);
      });
      // A client that goes away takes its upstream request with it.
      res.on("close", () => {
        if (!res.writableFinished) upstream.destroy();
      });
      if (bodiless) upstream.end();
      else req.pipe(upstream);
    };
    send(true);
  };
}
