// Every recommender by name: what the evaluation, the CLI, the service and the API choose from.
import { als } from "./als";
import { buyAgain } from "./buy-again";
import { content } from "./content";
import { ease } from "./ease";
import { hybrid } from "./hybrid";
import { itemKnn } from "./item-knn";
import { popularity, segmentPopularity, trending } from "./popularity";
import type { AlgorithmName, Recommender } from "./types";
import { userKnn } from "./user-knn";
import { MlRangeError } from "../errors";

export const RECOMMENDERS: Partial<Record<AlgorithmName, Recommender>> = {
  popularity,
  trending,
  "segment-popularity": segmentPopularity,
  "item-knn": itemKnn,
  "user-knn": userKnn,
  content,
  als,
  ease,
  "buy-again": buyAgain,
  hybrid,
};

/** Whether `name` is a registered algorithm (own keys only: "toString" is not one). */
export function isAlgorithm(name: string): name is AlgorithmName {
  return Object.hasOwn(RECOMMENDERS, name);
}

export function recommenderNamed(name: string): Recommender {
  const rec = isAlgorithm(name) ? RECOMMENDERS[name] : undefined;
  if (!rec) throw new MlRangeError(`unknown algorithm "${name}"; choose from ${Object.keys(RECOMMENDERS).join(", ")}`);
  return rec;
}
