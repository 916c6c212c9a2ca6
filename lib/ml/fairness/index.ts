// Public API of lib/ml/fairness: fairness reports for scoring models and recommenders.
export { fairnessReport, type FairnessReportInput } from "./report";
export { summariseFairness } from "./summary";
export { recommenderFairness, type GroupNdcg, type RecommenderFairnessFindings, type RecommenderFairnessInput, type RecommenderFairnessReport } from "./recommender";
export type { CategoryExposure, ExposureDifference, GroupExposure } from "./recommender-exposure";
export { summariseRecommenderFairness } from "./recommender-summary";
export { applyCut, type Selection } from "./selection";
export { compareRates, fisherExactTwoSided, pooledZTest, type RateComparison } from "./significance";
export { cramersV, crossTabulate, quintileCodes, type CramersV } from "./association";
export { findProxies, measureAssociations, DEFAULT_PROXY_THRESHOLD, type Association } from "./proxy";
export type * from "./types";
