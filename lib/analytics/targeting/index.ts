// Audience targeting and bid guidance, pure: per customer P(click), P(conversion | click) and order value in;
// expected value, audiences by size, score or budget, the gain curve, bids by decile and segment, and the
// audience export out.
export { type CostModel, type Selection, type TargetingInputs } from "./inputs";
export { customerCost, expectedValues, rankingOf, roiOf, selectionTotals, type ExpectedValues, type RankBy, type SelectionTotals } from "./expected-value";
export { audienceByBudget, audienceByScore, audienceBySize, type Audience, type AudienceOptions, type BudgetAudience, type BudgetRule } from "./audience";
export { gainSummary, targetingGain, type GainOptions, type GainSummary, type GainValue } from "./gain";
export { bidSentence, bidsByDecile, bidsBySegment, customerBids, type BidGroup, type BidOptions, type DecileBid } from "./bids";
export { audienceExport, emailSha256, normalisedEmail, type AudienceExport, type AudienceExportRow } from "./csv";
