// `npm start`'s front refuses a bad port before it starts anything: each run here exits on the check, in
// about half a second, so no Next.js process is spawned (the timeout fails a run that gets past it).
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";

/** Runs scripts/serve.ts, with PORT set only when given. */
function serve(args: string[], port?: string) {
  const env = { ...process.env };
  delete env.PORT;
  if (port !== undefined) env.PORT = port;
  const r = spawnSync(process.execPath, ["--import", "tsx", "scripts/serve.ts", ...args], { encoding: "utf8", env, timeout: 20_000, killSignal: "SIGKILL" });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("serve", () => {
  it.each([
    [["-p", "notaport"], '-p: a port is a whole number from 0 to 65535, got "notaport"'],
    [["-p", "70000"], '-p: a port is a whole number from 0 to 65535, got "70000"'],
    // Number("") is 0, which would have listened on a random port.
    [["--port", ""], '--port: a port is a whole number from 0 to 65535, got ""'],
  ])("refuses %j with exit code 2, naming the value", (args, message) => {
    const r = serve(args);
    expect(r.stderr).toContain(message);
    expect([r.code, r.stdout]).toEqual([2, ""]);
  });

  it("names PORT when the bad port came from the environment", () => {
    const r = serve([], "abc");
    expect([r.code, r.stderr.trim()]).toEqual([2, 'PORT: a port is a whole number from 0 to 65535, got "abc"']);
  });

  it("exits 2 with the reason for a -p without a value", () => {
    expect(serve(["-p"])).toMatchObject({ code: 2, stderr: expect.stringContaining("Option '-p, --port <value>' argument missing") });
  });
});
