import { DAY_MS } from "./calendar";
import type { DemoCustomer } from "./customers";
import { chance, logNormal, normal, type Rng } from "../ml/random";
import { TASTE_GROUPS } from "./taste-groups";

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
  reporting: "events" | "daily";
  costPerImpression: number;
  costPerClick: number;
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
  reporting?: "events" | "daily";
  cpm?: number;
  cpc?: number;
}

const SPECS: readonly CampaignSpec[] = [
  { name: "Monthly newsletter", channel: "email", adType: "newsletter", adPosition: "inline", startsDaysAgo: 330, days: 300, budget: 150, category: "", cpm: 10 },
  { name: "Mid-season sale: subject A (discount)", channel: "email", adType: "promotion", adPosition: "inline", testGroup: "mid-season-subject-line", variant: "A", startsDaysAgo: 75, days: 21, budget: 60, category: "", cpm: 10 },
  { name: "Mid-season sale: subject B (urgency)", channel: "email", adType: "promotion", adPosition: "inline", testGroup: "mid-season-subject-line", variant: "B", startsDaysAgo: 75, days: 21, budget: 60, category: "", lift: 0.4, cpm: 10 },
  { name: "Outdoor season launch", channel: "social", adType: "video", adPosition: "feed", startsDaysAgo: 220, days: 45, budget: 6_000, category: "Garden & Outdoor", cpm: 7 },
  { name: "Tech week retargeting", channel: "display", adType: "banner", adPosition: "sidebar", startsDaysAgo: 150, days: 30, budget: 4_000, category: "Electronics", cpm: 4 },
  { name: "New parents carousel", channel: "social", adType: "carousel", adPosition: "story", startsDaysAgo: 110, days: 40, budget: 5_000, category: "Baby", cpm: 6 },
  { name: "Brand search", channel: "search", adType: "text", adPosition: "top", startsDaysAgo: 364, days: 364, budget: 18_000, category: "", reporting: "daily", cpc: 0.45 },
  { name: "Shopping ads: home and kitchen", channel: "search", adType: "shopping", adPosition: "top", startsDaysAgo: 180, days: 120, budget: 12_000, category: "Kitchen", reporting: "daily", cpc: 0.6 },
];

/** Effects on the click logit: the creative and its placement matter, as in real ad data. */
export const AD_TYPE_EFFECT: Record<string, number> = { newsletter: 0, promotion: 0.25, video: 0.45, carousel: 0.3, banner: -0.55, text: 0.5, shopping: 0.35 };
export const POSITION_EFFECT: Record<string, number> = { inline: 0, feed: 0.1, story: 0.05, sidebar: -0.45, top: 0.35 };

/** @param scale budgets grow with the audience, so a 100,000-customer shop pays for its reach too. */
export function generateCampaigns(windowEnd: number, scale = 1): DemoCampaign[] {
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
      reporting: s.reporting ?? "events",
      costPerImpression: (s.cpm ?? 0) / 1000,
      costPerClick: s.cpc ?? 0,
    };
  });
}

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

/** Probability that one impression of `campaign` makes `c` click, and that a click converts. */
export function responseProbabilities(campaign: DemoCampaign, c: DemoCustomer): { click: number; convert: number } {
  const likes = campaign.category !== "" && TASTE_GROUPS[c.tasteGroup]!.categories.includes(campaign.category);
  const incomeZ = (Math.log(c.income) - Math.log(36_000)) / 0.45;
  const ageEffect = campaign.channel === "social" ? -0.025 * (c.age - 35) : campaign.channel === "email" ? 0.015 * (c.age - 40) : 0;
  const logit =
    -3.55 +
    (AD_TYPE_EFFECT[campaign.adType] ?? 0) +
    (POSITION_EFFECT[campaign.adPosition] ?? 0) +
    ageEffect +
    0.18 * incomeZ +
    (likes ? 1.1 : 0) +
    (c.attributes.loyaltyMember ? 0.3 : 0) +
    campaign.lift;
  return { click: sigmoid(logit), convert: sigmoid(-2.3 + 0.35 * incomeZ + (likes ? 0.9 : 0)) };
}

export interface DemoCampaignEvent {
  campaign: number;
  customer: number;
  type: "impression" | "click" | "conversion";
  revenue: number;
  cost: number;
  occurredAt: number;
}

/** Event-level activity of the campaigns that report per impression, one campaign at a time. */
export function* generateCampaignEvents(rng: Rng, campaigns: readonly DemoCampaign[], customers: readonly DemoCustomer[]): Generator<DemoCampaignEvent[]> {
  // The A/B arms split one audience at random, so the only difference between them is the variant.
  const abArm = customers.map(() => (chance(rng, 0.5) ? "A" : "B"));
  for (let k = 0; k < campaigns.length; k++) {
    const cmp = campaigns[k]!;
    if (cmp.reporting !== "events") continue;
    const out: DemoCampaignEvent[] = [];
    const span = cmp.endAt - cmp.startAt;
    customers.forEach((c, ci) => {
      if (cmp.variant ? abArm[ci] !== cmp.variant || !c.attributes.marketingOptIn : !chance(rng, reach(cmp, c))) return;
      const { click, convert } = responseProbabilities(cmp, c);
      const impressions = 1 + Math.min(8, Math.floor(Math.log(1 - rng.next()) / Math.log(0.6)));
      for (let n = 0; n < impressions; n++) {
        const t = cmp.startAt + Math.floor(rng.next() * span);
        out.push({ campaign: k, customer: ci, type: "impression", revenue: 0, cost: round4(cmp.costPerImpression), occurredAt: t });
        if (!chance(rng, click)) continue;
        const tc = t + 5_000 + Math.floor(rng.next() * 600_000);
        out.push({ campaign: k, customer: ci, type: "click", revenue: 0, cost: round4(cmp.costPerClick), occurredAt: tc });
        if (!chance(rng, convert)) continue;
        const revenue = Math.round(logNormal(rng, Math.log(55), 0.5) * 100) / 100;
        out.push({ campaign: k, customer: ci, type: "conversion", revenue, cost: 0, occurredAt: tc + 60_000 + Math.floor(rng.next() * 3_600_000) });
      }
    });
    // Paid media spends its budget over whatever reach it buys: cost per impression follows from both.
    if (cmp.costPerImpression > 0 && cmp.channel !== "email") {
      const impressions = out.reduce((n, e) => n + (e.type === "impression" ? 1 : 0), 0);
      const perImpression = round4((cmp.budget * (0.85 + 0.15 * rng.next())) / Math.max(1, impressions));
      for (const e of out) if (e.type === "impression") e.cost = perImpression;
    }
    yield out;
  }
}

function reach(cmp: DemoCampaign, c: DemoCustomer): number {
  if (cmp.channel === "email") return c.attributes.marketingOptIn ? 0.9 : 0;
  // Paid audiences lean towards the promoted category's fans, as targeting does.
  const likes = cmp.category !== "" && TASTE_GROUPS[c.tasteGroup]!.categories.includes(cmp.category);
  return likes ? 0.6 : 0.3;
}

const round4 = (x: number) => Math.round(x * 10_000) / 10_000;

export interface DemoDailyStat {
  campaign: number;
  date: number;
  segment: string;
  impressions: number;
  clicks: number;
  conversions: number;
  cost: number;
  revenue: number;
}

const DEVICE_SEGMENTS = [
  { segment: "mobile", share: 0.58, ctr: 0.034, cvr: 0.028 },
  { segment: "desktop", share: 0.34, ctr: 0.041, cvr: 0.045 },
  { segment: "tablet", share: 0.08, ctr: 0.029, cvr: 0.031 },
];

/** Aggregate rows for campaigns that report like an ad platform export: per day and device. */
export function generateDailyStats(rng: Rng, campaigns: readonly DemoCampaign[], customerCount: number): DemoDailyStat[] {
  const out: DemoDailyStat[] = [];
  campaigns.forEach((cmp, k) => {
    if (cmp.reporting !== "daily") return;
    const boost = cmp.adType === "shopping" ? 1.15 : 1;
    for (let d = cmp.startAt; d < cmp.endAt; d += DAY_MS) {
      const day = new Date(d).getUTCDay();
      const volume = customerCount * 0.12 * (day === 0 || day === 6 ? 1.25 : 1);
      for (const s of DEVICE_SEGMENTS) {
        const impressions = Math.max(0, Math.round(normal(rng, volume * s.share, Math.sqrt(volume * s.share))));
        const clicks = binomialApprox(rng, impressions, s.ctr * boost);
        const conversions = binomialApprox(rng, clicks, s.cvr * 1.5);
        out.push({
          campaign: k,
          date: d - (d % DAY_MS),
          segment: s.segment,
          impressions,
          clicks,
          conversions,
          cost: Math.round(clicks * cmp.costPerClick * 100) / 100,
          revenue: Math.round(conversions * logNormal(rng, Math.log(70), 0.3) * 100) / 100,
        });
      }
    }
  });
  return out;
}

function binomialApprox(rng: Rng, n: number, p: number): number {
  if (n < 40) {
    let k = 0;
    for (let i = 0; i < n; i++) if (rng.next() < p) k++;
    return k;
  }
  return Math.max(0, Math.min(n, Math.round(normal(rng, n * p, Math.sqrt(n * p * (1 - p))))));
}
