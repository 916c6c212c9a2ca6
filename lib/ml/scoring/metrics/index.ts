// Evaluation of binary scoring models from predictions alone: ranking (ROC, PR, gain), probability quality
// (log-loss, Brier, reliability), calibration, and a warning when the data are too thin to trust the figures.
export { delongTest, rocAuc, rocAucInterval, rocCurve, type AucInterval, type DelongTest, type RocPoint } from "./roc";
export { averagePrecision, prCurve, type PrPoint } from "./pr";
export { LOG_LOSS_EPS, baselineMetrics, brierScore, logLoss, type BaselineMetrics } from "./losses";
export { calibrationCurve, type CalibrationBin, type CalibrationCurve, type CalibrationCurveOptions } from "./calibration-curve";
export { gainByDecile, gainCurve, type DecileRow, type GainPoint } from "./gain-lift";
export {
  ISOTONIC_MIN_CLASS,
  ISOTONIC_MIN_ROWS,
  applyCalibration,
  applyCalibrationAll,
  chooseCalibration,
  fitIsotonic,
  fitPlatt,
  parseCalibration,
  toMargin,
  type Calibration,
  type CalibrationChoice,
  type CalibrationKind,
  type IsotonicCalibration,
  type PlattCalibration,
} from "./calibrate";
export { SMALL_CLASS, WIDE_INTERVAL, smallDataWarning, type SmallDataInput } from "./small-data";
