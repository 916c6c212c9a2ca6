// The demo shop's campaigns. Besides what the database stores, each carries hidden fields that plant
// structure for the campaign views to find: a variant's lift, an A/B test's broken split, a retargeting
// audience, an age band where a creative pays off, and a randomised holdout with persuadable customers.
import { DAY_MS } from "./calendar";

export interface AgeEffect {
  minAge: number;
  maxAge: number;
  /** Shifts of the click and the conversion logit inside the band. */
  click: number;
  convert: number;
}

export interface DemoCampaign {
  externalId: string;
  name: string;
  channel: string;
  adType: string;
  adPosition: string;
  testGroup: string | null;
  variant: string | null;
  startAt: number;
  endAt: number;
  budget: number;
  /** Hidden: the category the creative promotes ("" for none), and a variant's own lift on the logit. */
  category: string;
  lift: number;
  /** Hidden: the share of its test's audience actually assigned to this arm. */
  armShare: number;
  /** Hidden: a retargeting campaign also follows the assisting channel's (social's) recent clickers. */
  retargeting: boolean;
  ageEffect: AgeEffect | null;
  /**
   * Hidden: a holdout arm delivers nothing. Its "impressions" are its assignments (when each customer would
   * have been mailed), at no cost, and nobody can click or buy through it: what they buy, they buy anyway.
   */
  holdout: boolean;
  /** Hidden: the customers this campaign persuades, and the shifts of their click and conversion logits. */
  persuades: Persuadables | null;
  reporting: "events" | "daily";
  costPerImpression: number;
  costPerClick: number;
}

/** Price-sensitive newer shoppers: younger than `maxAge` and outside the loyalty programme. */
export interface Persuadables {
  maxAge: number;
  click: number;
  convert: number;
}

interface CampaignSpec {
  name: string;
  channel: string;
  adType: string;
  adPosition: string;
  testGroup?: string;
  variant?: string;
  /** Days before the window end that the campaign starts, and how long it runs. */
  startsDaysAgo: number;
  days: number;
  budget: number;
  category: string;
  lift?: number;
  armShare?: number;
  retargeting?: boolean;
  ageEffect?: AgeEffect;
  holdout?: boolean;
  persuades?: Persuadables;
  reporting?: "events" | "daily";
  cpm?: number;
  cpc?: number;
}

// Append only: a campaign's place in this list is its externalId (CMP-001…).
const SPECS: readonly CampaignSpec[] = [
  { name: "Monthly newsletter", channel: "email", adType: "newsletter", adPosition: "inline", startsDaysAgo: 330, days: 300, budget: 150, category: "", cpm: 10 },
  { name: "Mid-season sale: subject A (discount)", channel: "email", adType: "promotion", adPosition: "inline", testGroup: "mid-season-subject-line", variant: "A", startsDaysAgo: 75, days: 21, budget: 60, category: "", cpm: 10 },
  { name: "Mid-season sale: subject B (urgency)", channel: "email", adType: "promotion", adPosition: "inline", testGroup: "mid-season-subject-line", variant: "B", startsDaysAgo: 75, days: 21, budget: 60, category: "", lift: 0.6, cpm: 10 },
  { name: "Outdoor season launch", channel: "social", adType: "video", adPosition: "feed", startsDaysAgo: 220, days: 45, budget: 6_000, category: "Garden & Outdoor", cpm: 7 },
  // Overall about break-even; the 25–34s it lands with pay for it several times over, every other band loses money.
  { name: "Tech week retargeting", channel: "display", adType: "banner", adPosition: "sidebar", startsDaysAgo: 150, days: 30, budget: 4_000, category: "Electronics", cpm: 4, ageEffect: { minAge: 25, maxAge: 34, click: 0.9, convert: 1.6 } },
  { name: "New parents carousel", channel: "social", adType: "carousel", adPosition: "story", startsDaysAgo: 110, days: 40, budget: 5_000, category: "Baby", cpm: 6 },
  { name: "Brand search", channel: "search", adType: "text", adPosition: "top", startsDaysAgo: 364, days: 364, budget: 18_000, category: "", reporting: "daily", cpc: 0.45 },
  { name: "Shopping ads: home and kitchen", channel: "search", adType: "shopping", adPosition: "top", startsDaysAgo: 180, days: 120, budget: 12_000, category: "Kitchen", reporting: "daily", cpc: 0.6 },
  // An A/B test with nothing to find: the banner colour changes nothing.
  { name: "Spring picks: green banner (control)", channel: "email", adType: "promotion", adPosition: "inline", testGroup: "spring-banner-colour", variant: "control", startsDaysAgo: 250, days: 14, budget: 60, category: "Garden & Outdoor", cpm: 10 },
  { name: "Spring picks: orange banner (B)", channel: "email", adType: "promotion", adPosition: "inline", testGroup: "spring-banner-colour", variant: "B", startsDaysAgo: 250, days: 14, budget: 60, category: "Garden & Outdoor", cpm: 10 },
  // Planted sample-ratio mismatch: the bucketing sent 11 of 20 buckets to A, so the arms are 55/45 though
  // meant to be even. The send time changes nothing; only the split is wrong.
  { name: "Welcome offer: morning send (A)", channel: "email", adType: "promotion", adPosition: "inline", testGroup: "welcome-offer-timing", variant: "A", startsDaysAgo: 50, days: 14, budget: 60, category: "", armShare: 0.55, cpm: 10 },
  { name: "Welcome offer: evening send (B)", channel: "email", adType: "promotion", adPosition: "inline", testGroup: "welcome-offer-timing", variant: "B", startsDaysAgo: 50, days: 14, budget: 60, category: "", armShare: 0.45, cpm: 10 },
  // Follows the outdoor launch's clickers around the web for a week: its sales are mostly social's doing.
  { name: "Outdoor gear retargeting", channel: "display", adType: "banner", adPosition: "sidebar", startsDaysAgo: 219, days: 52, budget: 2_000, category: "Garden & Outdoor", retargeting: true, cpm: 4 },
  // A randomised holdout for uplift: half the opted-in customers get the offer, half get nothing. The offer
  // moves the under-35s outside the loyalty programme (the persuadables) and hardly anyone else, so who
  // buys after it and who buys because of it differ: loyal customers buy anyway.
  { name: "Winter comeback offer: 15% off (offer)", channel: "email", adType: "promotion", adPosition: "inline", testGroup: "winter-comeback-holdout", variant: "offer", startsDaysAgo: 35, days: 10, budget: 40, category: "", cpm: 10, persuades: { maxAge: 34, click: 2.2, convert: 2.4 } },
  { name: "Winter comeback offer: holdout (no email)", channel: "email", adType: "promotion", adPosition: "inline", testGroup: "winter-comeback-holdout", variant: "holdout", startsDaysAgo: 35, days: 10, budget: 0, category: "", holdout: true },
];

/** @param scale budgets grow with the audience, so a 100,000-customer shop pays for its reach too. */
export function generateCampaigns(windowEnd: number, scale = 1): DemoCampaign[] {
  const arms = new Map<string, number>();
  for (const s of SPECS) if (s.testGroup) arms.set(s.testGroup, (arms.get(s.testGroup) ?? 0) + 1);
  return SPECS.map((s, i) => {
    const startAt = windowEnd - s.startsDaysAgo * DAY_MS;
    return {
      externalId: `CMP-${String(i + 1).padStart(3, "0")}`,
      name: s.name,
      channel: s.channel,
      adType: s.adType,
      adPosition: s.adPosition,
      testGroup: s.testGroup ?? null,
      variant: s.variant ?? null,
      startAt,
      endAt: Math.min(windowEnd, startAt + s.days * DAY_MS),
      budget: Math.round(s.budget * scale),
      category: s.category,
      lift: s.lift ?? 0,
      armShare: s.armShare ?? (s.testGroup ? 1 / arms.get(s.testGroup)! : 1),
      retargeting: s.retargeting ?? false,
      ageEffect: s.ageEffect ?? null,
      holdout: s.holdout ?? false,
      persuades: s.persuades ?? null,
      reporting: s.reporting ?? "events",
      costPerImpression: (s.cpm ?? 0) / 1000,
      costPerClick: s.cpc ?? 0,
    };
  });
}
