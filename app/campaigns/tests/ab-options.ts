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

const LIFTS = [
  { value: "2", label: "+2%" },
  { value: "5", label: "+5%" },
  { value: "10", label: "+10%" },
  { value: "20", label: "+20%" },
] as const;
const PRIORS = [
  { value: "1,1", label: "Beta(1, 1), uniform" },
  { value: "0.5,0.5", label: "Beta(½, ½), Jeffreys" },
] as const;

export function readAbOptions(sp: SearchParams): { options: AbOptions; choices: Choice[] } {
  const method = METHODS.find((m) => m.value === first(sp, "method"))?.value ?? "frequentist";
  const correction = CORRECTIONS.find((c) => c.value === first(sp, "correction"))?.value ?? "holm";
  const lift = LIFTS.find((l) => l.value === first(sp, "lift"))?.value ?? "5";
  const prior = PRIORS.find((p) => p.value === first(sp, "prior"))?.value ?? "1,1";
  const [alpha, beta] = prior.split(",").map(Number) as [number, number];
  return {
    options: { method, correction, targetLift: Number(lift) / 100, prior: { alpha, beta } },
    choices: [
      { name: "method", label: "Method", value: method, options: METHODS },
      { name: "correction", label: "Several comparisons", value: correction, options: CORRECTIONS },
      { name: "prior", label: "Prior (Bayesian rates)", value: prior, options: PRIORS },
      { name: "lift", label: "Size the test for", value: lift, options: LIFTS },
    ],
  };
}
