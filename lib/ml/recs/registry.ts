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

export const RECOMMENDERS: Partial<Record<AlgorithmName, Recommender<any, any>>> = {
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

export function recommenderNamed(name: string): Recommender<any, any> {
  const rec = RECOMMENDERS[name as AlgorithmName];
  if (!rec) throw new RangeError(`unknown algorithm "${name}"; choose from ${Object.keys(RECOMMENDERS).join(", ")}`);
  return rec;
}
