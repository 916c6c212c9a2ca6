// One entry point for all six models, so a page or the CLI picks a model by name and gets the same Credit shape.
import { MlRangeError } from "../../ml/errors";
import { creditHeuristic } from "./heuristics";
import { creditMarkov } from "./markov";
import { validateSettings, type AttributionModel, type AttributionSettings } from "./settings";
import type { Credit, Journeys } from "./types";
import { checkStates } from "./validate";

/**
 * Credit per state (`stateOf` maps campaign → state: the identity for by-campaign, campaign → channel for
 * by-channel). Only halfLifeDays and positionShares are read from `settings`; the windows were applied by
 * buildJourneys. Every model hands out the same totals: one purchase and its revenue per converting path.
 */
export function attribute(
  j: Journeys,
  model: AttributionModel,
  settings: AttributionSettings,
  stateOf: Int32Array,
  stateCount: number,
): Credit {
  validateSettings(settings);
  checkStates(j, stateOf, stateCount);
  switch (model) {
    case "last-click":
    case "first-click":
    case "linear":
    case "time-decay":
    case "position":
      return creditHeuristic(j, model, settings, stateOf, stateCount);
    case "markov":
      return creditMarkov(j, settings, stateOf, stateCount);
    default: {
      const unknown: never = model;
      throw new MlRangeError(`attribute: unknown model ${String(unknown)}`);
    }
  }
}
