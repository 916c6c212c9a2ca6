// The table every scoring model trains and predicts on: typed columns, one per feature, a row per example
// (an impression, a click, a customer, a CSV line). Numerics keep their raw values (NaN = missing): trees bin
// them, logistic regression standardises them. Categoricals are codes into `levels` (−1 = missing); a table
// built for scoring from a model's training levels may append levels the model never saw, so a code at or
// past the model's own level count means "unseen", which every model handles without refusing the row.
import { MlRangeError } from "../errors";

export interface NumericFeature {
  readonly kind: "numeric";
  readonly name: string;
  /** One value per row; NaN where the value is missing. */
  readonly values: Float64Array;
}

export interface CategoricalFeature {
  readonly kind: "categorical";
  readonly name: string;
  /** One code per row into `levels`; −1 where the value is missing. */
  readonly codes: Int32Array;
  readonly levels: readonly string[];
}

export type Feature = NumericFeature | CategoricalFeature;

export interface FeatureTable {
  readonly rows: number;
  readonly features: readonly Feature[];
}

/** A table with a 0/1 outcome per row (clicked, converted, subscribed). */
export interface LabelledTable extends FeatureTable {
  readonly label: Uint8Array;
}

/** The shape of one feature a model was trained on: enough to rebuild a compatible table for scoring. */
export type FeatureSchema =
  | { readonly kind: "numeric"; readonly name: string }
  | { readonly kind: "categorical"; readonly name: string; readonly levels: readonly string[] };

export function schemaOf(table: FeatureTable): FeatureSchema[] {
  return table.features.map((f) => (f.kind === "numeric" ? { kind: "numeric", name: f.name } : { kind: "categorical", name: f.name, levels: [...f.levels] }));
}

/** Refuses a table whose columns do not match the model's training columns, naming the first difference. */
export function assertMatchesSchema(table: FeatureTable, schema: readonly FeatureSchema[], what: string): void {
  if (table.features.length !== schema.length) {
    const names = new Set(table.features.map((f) => f.name));
    const missing = schema.find((s) => !names.has(s.name));
    const trained = new Set(schema.map((s) => s.name));
    const extra = table.features.find((f) => !trained.has(f.name));
    const which = missing ? `; it lacks "${missing.name}"` : extra ? `; the model was not trained on "${extra.name}"` : "";
    throw new MlRangeError(`${what}: the table has ${table.features.length} features, the model was trained on ${schema.length}${which}`);
  }
  schema.forEach((s, j) => {
    const f = table.features[j]!;
    if (f.name !== s.name || f.kind !== s.kind) throw new MlRangeError(`${what}: feature ${j + 1} is ${f.kind} "${f.name}", the model expects ${s.kind} "${s.name}"`);
    const length = f.kind === "numeric" ? f.values.length : f.codes.length;
    if (length !== table.rows) throw new MlRangeError(`${what}: feature "${f.name}" has ${length} values for ${table.rows} rows`);
  });
}

/** The rows `index` of a table (a split, a bootstrap sample, a fold), in that order. */
export function takeRows<T extends FeatureTable>(table: T, index: Int32Array): T {
  const features = table.features.map((f): Feature =>
    f.kind === "numeric" ? { ...f, values: gather(f.values, index) } : { ...f, codes: gather(f.codes, index) },
  );
  const out: FeatureTable = { rows: index.length, features };
  return ("label" in table ? { ...out, label: gather((table as unknown as LabelledTable).label, index) } : out) as T;
}

function gather<A extends Float64Array | Int32Array | Uint8Array>(a: A, index: Int32Array): A {
  const out = new (a.constructor as new (n: number) => A)(index.length);
  for (let i = 0; i < index.length; i++) out[i] = a[index[i]!]!;
  return out;
}
