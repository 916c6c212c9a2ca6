import { existsSync, readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { readNumericMatrix } from "../../lib/csv/numeric-matrix";
import { UserError, userErrorFromMl } from "../../lib/errors";
import { fitKMeans } from "../../lib/ml/kmeans";
import { fitTransform, invertTransform, type Transform, TRANSFORMS } from "../../lib/ml/transforms";
import { type Command, parseIntegerFlag, UsageError } from "../cli-support";

export const kmeansCommand: Command = {
  name: "kmeans",
  summary: "cluster the numeric columns of any CSV file with k-means",
  usage: "kmeans --file data.csv --k N [--columns a,b,c] [--transform none|zscore|log1p-zscore] [--seed N] [--restarts N] [--json]",
  async run(args) {
    try {
      return await cluster(args);
    } catch (e) {
      // lib/ml's refusals here (a missing column, a cell that is not a number, more clusters than rows or
      // distinct points) are all about the file and the flags: the person's to fix.
      throw userErrorFromMl(e);
    }
  },
};

async function cluster(args: string[]): Promise<{ json: object; text: string }> {
  const { values } = parseArgs({
    args,
    strict: true,
    options: {
      file: { type: "string" },
      k: { type: "string" },
      columns: { type: "string" },
      transform: { type: "string", default: "zscore" },
      seed: { type: "string" },
      restarts: { type: "string" },
      json: { type: "boolean", default: false },
    },
  });
  if (!values.file) throw new UsageError("--file is required");
  if (values.k === undefined) throw new UsageError("--k is required");
  const transform = values.transform as Transform;
  if (!TRANSFORMS.includes(transform)) throw new UsageError(`--transform must be one of ${TRANSFORMS.join(", ")}, got "${values.transform}"`);
  const k = parseIntegerFlag("k", values.k, 0, 1);
  const seed = parseIntegerFlag("seed", values.seed, 42);
  const restarts = parseIntegerFlag("restarts", values.restarts, 10, 1);
  if (!existsSync(values.file)) throw new UserError(`no such file: ${values.file}`);
  const table = readNumericMatrix(readFileSync(values.file, "utf8"), values.columns?.split(",").map((c) => c.trim()).filter(Boolean));
  const started = performance.now();
  const { X, fitted } = fitTransform(table.matrix, transform);
  const { model } = fitKMeans(X, { k, seed, restarts });
  const seconds = Math.round((performance.now() - started) / 10) / 100;
  const d = table.columns.length;
  const centroids = model.sizes.map((_, j) => invertTransform(model.centroids.slice(j * d, (j + 1) * d), fitted).map((v) => Math.round(v * 1e4) / 1e4));
  const json = { rows: table.matrix.rows, columns: table.columns, k, transform, seed, restarts, inertia: model.inertia, iterations: model.iterations, converged: model.converged, sizes: model.sizes, centroids, seconds };
  const lines = [
    `k-means on ${json.rows} rows × ${d} columns (${table.columns.join(", ")}), ${transform}, k = ${k}, ${restarts} restarts, seed ${seed}: inertia ${model.inertia.toFixed(4)} after ${model.iterations} iterations${model.converged ? "" : " (not converged)"} in ${seconds} s.`,
    ...centroids.map((c, j) => `  cluster ${j + 1}: ${model.sizes[j]} rows; centre ${c.map((v, i) => `${table.columns[i]} ${v}`).join(", ")}`),
  ];
  return { json, text: lines.join("\n") };
}
