// Uplift modelling for campaigns with a randomised holdout: who does the campaign change, not who buys.
export { classTransformationFromJSON, classTransformationToJSON, fitClassTransformation, predictClassTransformation, transformedClass, type ClassTransformationModel, type Rebalancing } from "./class-transformation";
export { newcombeInterval, type DifferenceInterval } from "./difference-interval";
export { evaluateUplift, type EvaluateUpliftOptions, type UpliftEvaluation } from "./evaluate-uplift";
export type { GroupCounts, UpliftSample } from "./inputs";
export { RESPONSE_SEGMENTS, persuadableAudience, segmentByResponse, type AudienceOptions, type ResponseSegment, type SegmentOptions, type SegmentResult } from "./persuadables";
export { observedUpliftAt, qiniCoefficient, qiniCurve, qiniScore, upliftByDecile, upliftCurve, type ObservedUplift, type QiniPoint, type QiniScore, type UpliftCurvePoint, type UpliftDecile } from "./qini";
export { fitTLearner, predictResponses, predictTLearner, tLearnerFromJSON, tLearnerToJSON, type TLearnerModel, type UpliftFitOptions } from "./t-learner";
export { UPLIFT_KINDS, fitUpliftModel, predictUplift, upliftModelFromJSON, upliftModelToJSON, type UpliftKind, type UpliftModel } from "./uplift-model";
