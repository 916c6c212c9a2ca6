import { describe, expect, it } from "vitest";
import { runScoringContract } from "./contract-suite";
import { logisticRegression } from "./logistic/logistic";
import { SCORING_KINDS } from "./scorer";
import { randomForest } from "./trees/forest";
import { gradientBoostedTrees } from "./trees/gbt";

// Fits small enough to keep the whole file to a few seconds on 2 cores.
describe("scoring contract", () => {
  describe("logistic regression", () => runScoringContract(logisticRegression));
  describe("random forest, 30 trees", () => runScoringContract(randomForest, { fitOptions: { trees: 30 } }));
  describe("gradient-boosted trees, 60 iterations", () => runScoringContract(gradientBoostedTrees, { fitOptions: { maxIterations: 60 } }));

  it("runs for every registered model", () => {
    expect([...SCORING_KINDS].sort()).toEqual(["forest", "gbt", "logistic"]);
  });
});
