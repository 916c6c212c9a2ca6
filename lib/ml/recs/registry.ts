// Every recommender by name: what the evaluation, the CLI, the service and the API choose from.
import type { AlgorithmName, Recommender } from "./types";

export const RECOMMENDERS: Partial<Record<AlgorithmName, Recommender<any, any>>> = {};

export function recommenderNamed(name: string): Recommender<any, any> {
  const rec = RECOMMENDERS[name as AlgorithmName];
  if (!rec) throw new RangeError(`unknown algorithm "${name}"; choose from ${Object.keys(RECOMMENDERS).join(", ")}`);
  return rec;
}
