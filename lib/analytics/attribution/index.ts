// Multi-touch attribution, pure: typed arrays of touches and purchases in, credit per campaign or channel out.
// buildJourneys once per settings change, then attribute per model and per mapping (cheap: no re-scan of touches).
export type { AttributionSummary, ConvertingPaths, Credit, Journeys, NonConvertingPaths, Purchases, Touches } from "./types";
export {
  ATTRIBUTION_MODELS,
  DEFAULT_ATTRIBUTION_SETTINGS,
  isAttributionModel,
  validateSettings,
  withDefaults,
  type AttributionModel,
  type AttributionSettings,
} from "./settings";
export { buildJourneys, summariseJourneys } from "./journeys";
export { attribute } from "./attribute";
export { fitMarkov, type MarkovFit } from "./markov";
