// Assembles each lib/ml/wasm/*.wat into a sibling *.wasm.ts holding its bytes, so the app needs no assembler
// and no file lookup at run time. `npm run build:wasm` after editing a .wat; scripts/wasm-assemble.test.ts checks
// every committed *.wasm.ts is what its .wat assembles to.
import { readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { assembleWat, wasmModuleSource, WASM_DIR } from "./wasm-assemble";

async function main(): Promise<void> {
  for (const file of readdirSync(WASM_DIR).filter((f) => f.endsWith(".wat"))) {
    const wat = path.join(WASM_DIR, file);
    const bytes = await assembleWat(wat);
    const out = wat.replace(/\.wat$/, ".wasm.ts");
    writeFileSync(out, wasmModuleSource(path.basename(wat), bytes));
    console.log(`${path.relative(process.cwd(), out)}: ${bytes.length} bytes`);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
