// The age bands every campaign breakdown uses, as ad platforms report them.
export const AGE_BANDS = ["18–24", "25–34", "35–44", "45–54", "55–64", "65+"] as const;
export type AgeBand = (typeof AGE_BANDS)[number];

/** The band of an age in years, or null for an unknown or implausible age (under 18 counts as 18–24). */
export function ageBand(age: number | null | undefined): AgeBand | null {
  if (age === null || age === undefined || !Number.isFinite(age) || age < 0 || age > 120) return null;
  if (age < 25) return "18–24";
  if (age < 35) return "25–34";
  if (age < 45) return "35–44";
  if (age < 55) return "45–54";
  if (age < 65) return "55–64";
  return "65+";
}
