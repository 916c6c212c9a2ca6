// Public API of lib/stats: campaign-metric statistics and the A/B engine. Pure (no framework,
// database, file system or environment), so pages, the REST API, the CLI and tests share it.
export { analyseAbTest, analyseAbTests } from "./ab-test";
export { chiSquareSf, normalCdf, normalQuantile, studentTCdf, studentTQuantile } from "./distributions";
export { benjaminiHochbergAdjust, holmAdjust } from "./multiple-testing";
export { DEFAULT_AB_OPTIONS } from "./options";
export { minimumDetectableEffect, sampleSizePerArm, type MdeArgs, type SampleSizeArgs } from "./power";
export { wilsonInterval, type Interval } from "./proportion";
export { SRM_THRESHOLD, sampleRatioMismatch } from "./srm";
export type {
  AbTestInput,
  AbTestOptions,
  AbTestResult,
  ArmInput,
  ArmMoments,
  Comparison,
  Covariate,
  Outcome,
  SrmResult,
} from "./types";
export { armPower, type ArmPower } from "./arm-power";
