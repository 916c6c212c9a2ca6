import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { assembleWat, WASM_DIR, wasmModuleSource } from "./wasm-assemble";

describe("generated WebAssembly modules", () => {
  it.each(readdirSync(WASM_DIR).filter((f) => f.endsWith(".wat")))("%s matches its committed .wasm.ts (run `npm run build:wasm` if not)", async (file) => {
    const wat = path.join(WASM_DIR, file);
    const committed = readFileSync(wat.replace(/\.wat$/, ".wasm.ts"), "utf8");
    expect(committed).toBe(wasmModuleSource(file, await assembleWat(wat)));
  });
});
