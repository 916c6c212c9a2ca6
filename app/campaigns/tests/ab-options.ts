// The A/B view's choices as URL parameters, shared by the test page and the ad hoc comparison page.
import type { Choice } from "@/components/ui/choice-form";
import { first, type SearchParams } from "@/lib/url-state";
import type { AbOptions } from "@/lib/services/campaigns/ab-test";

const METHODS = [
  { value: "frequentist", label: "Frequentist (fixed horizon)" },
  { value: "bayesian", label: "Bayesian" },
  { value: "sequential", label: "Sequential (safe to peek)" },
] as const;
const CORRECTIONS = [
  { value: "holm", label: "Holm" },
  { value: "benjamini-hochberg", label: "Benjamini–Hochberg" },
] as const;

export function readAbOptions(sp: SearchParams): { options: AbOptions; choices: Choice[] } {
  const method = METHODS.find((m) => m.value === first(sp, "method"))?.value ?? "frequentist";
  const correction = CORRECTIONS.find((c) => c.value === first(sp, "correction"))?.value ?? "holm";
  return {
    options: { method, correction },
    choices: [
      { name: "method", label: "Method", value: method, options: METHODS },
      { name: "correction", label: "Several comparisons", value: correction, options: CORRECTIONS },
    ],
  };
}
