// Event-level activity of the campaigns that report per impression: who saw what when, who clicked, who bought.
import { ASSIST, likesCategory, responseProbabilities } from "./campaign-response";
import { createProductPicker, type ProductPicker } from "./campaign-purchases";
import type { DemoCampaign } from "./campaigns";
import type { DemoProduct } from "./catalogue";
import type { DemoCustomer } from "./customers";
import { chance, cumulative, drawIndex, forkRng, type Rng } from "../ml/random";

export interface DemoCampaignEvent {
  campaign: number;
  customer: number;
  type: "impression" | "click" | "conversion";
  revenue: number;
  cost: number;
  occurredAt: number;
  /** Hidden: the product a conversion bought (its shop purchase); null for impressions and clicks. */
  product: number | null;
}

interface Context {
  campaigns: readonly DemoCampaign[];
  customers: readonly DemoCustomer[];
  products: readonly DemoProduct[];
  pickProduct: ProductPicker;
  /** Per test group, each customer's arm. */
  arms: ReadonlyMap<string, readonly string[]>;
  /** Per customer, the times of their clicks on the assisting channel, ascending. */
  assistClicks: number[][];
}

/** One batch per campaign, in campaign order; daily-report campaigns have none. */
export function* generateCampaignEvents(
  rng: Rng,
  campaigns: readonly DemoCampaign[],
  customers: readonly DemoCustomer[],
  products: readonly DemoProduct[],
): Generator<DemoCampaignEvent[]> {
  // Every campaign and every test's assignment has a stream of its own, so appending a campaign leaves the others alone.
  const base = Math.floor(rng.next() * 2 ** 32);
  const ctx: Context = { campaigns, customers, products, pickProduct: createProductPicker(products), arms: assignArms(base, campaigns, customers.length), assistClicks: customers.map(() => []) };
  // The assisting channel's campaigns are generated first: the campaigns they assist need their clicks.
  const early = new Map<number, DemoCampaignEvent[]>();
  campaigns.forEach((cmp, k) => {
    if (cmp.reporting !== "events" || cmp.channel !== ASSIST.from) return;
    const events = campaignEvents(forkRng(base, cmp.externalId), k, ctx);
    early.set(k, events);
    for (const e of events) if (e.type === "click") ctx.assistClicks[e.customer]!.push(e.occurredAt);
  });
  for (const clicks of ctx.assistClicks) clicks.sort((a, b) => a - b);
  for (let k = 0; k < campaigns.length; k++) {
    const cmp = campaigns[k]!;
    if (cmp.reporting === "events") yield early.get(k) ?? campaignEvents(forkRng(base, cmp.externalId), k, ctx);
  }
}

/** An A/B test splits one audience at random, in the shares its arms were given (a planted bug may skew them). */
function assignArms(base: number, campaigns: readonly DemoCampaign[], customerCount: number): Map<string, string[]> {
  const groups = new Map<string, DemoCampaign[]>();
  for (const c of campaigns) if (c.testGroup !== null) groups.set(c.testGroup, [...(groups.get(c.testGroup) ?? []), c]);
  const out = new Map<string, string[]>();
  for (const [group, arms] of groups) {
    const rng = forkRng(base, `arms:${group}`);
    const cum = cumulative(arms.map((a) => a.armShare));
    out.set(group, Array.from({ length: customerCount }, () => arms[drawIndex(rng, cum)]!.variant ?? ""));
  }
  return out;
}

function campaignEvents(rng: Rng, k: number, ctx: Context): DemoCampaignEvent[] {
  const cmp = ctx.campaigns[k]!;
  const assistable = (ASSIST.to as readonly string[]).includes(cmp.channel);
  const out: DemoCampaignEvent[] = [];
  ctx.customers.forEach((c, ci) => {
    const clicks = ctx.assistClicks[ci]!;
    const arm = cmp.testGroup === null ? null : ctx.arms.get(cmp.testGroup)![ci]!;
    for (const t of exposureTimes(rng, cmp, c, arm, clicks)) {
      out.push({ campaign: k, customer: ci, type: "impression", revenue: 0, cost: round4(cmp.costPerImpression), occurredAt: t, product: null });
      if (cmp.holdout) continue;
      // A lapsed customer is still mailed and shown banners, but no longer answers.
      if (t >= c.activeTo) continue;
      const assisted = assistable && clicks.some((s) => s < t && t - s <= ASSIST.windowMs);
      const { click, convert } = responseProbabilities(cmp, c, assisted);
      if (!chance(rng, click)) continue;
      const tc = t + 5_000 + Math.floor(rng.next() * 600_000);
      out.push({ campaign: k, customer: ci, type: "click", revenue: 0, cost: round4(cmp.costPerClick), occurredAt: tc, product: null });
      if (!chance(rng, convert)) continue;
      const product = ctx.pickProduct(rng, cmp.category, c.tasteGroup);
      const occurredAt = tc + 60_000 + Math.floor(rng.next() * 3_600_000);
      out.push({ campaign: k, customer: ci, type: "conversion", revenue: ctx.products[product]!.price, cost: 0, occurredAt, product });
    }
  });
  // Paid media spends its budget over whatever reach it buys: cost per impression follows from both.
  if (cmp.costPerImpression > 0 && cmp.channel !== "email") {
    const impressions = out.reduce((n, e) => n + (e.type === "impression" ? 1 : 0), 0);
    const perImpression = round4((cmp.budget * (0.85 + 0.15 * rng.next())) / Math.max(1, impressions));
    for (const e of out) if (e.type === "impression") e.cost = perImpression;
  }
  return out;
}

/** When `c` sees `cmp`: only once they are a customer, only in their own arm of a test. */
function exposureTimes(rng: Rng, cmp: DemoCampaign, c: DemoCustomer, arm: string | null, assistClicks: readonly number[]): number[] {
  if (arm !== null && arm !== cmp.variant) return [];
  const from = Math.max(cmp.startAt, c.activeFrom);
  if (from >= cmp.endAt) return [];
  const times = cmp.retargeting ? retargetingTimes(rng, cmp, assistClicks) : [];
  if (!chance(rng, reach(cmp, c))) return times;
  const n = 1 + Math.min(8, Math.floor(Math.log(1 - rng.next()) / Math.log(0.6)));
  for (let i = 0; i < n; i++) times.push(from + Math.floor(rng.next() * (cmp.endAt - from)));
  return times;
}

function reach(cmp: DemoCampaign, c: DemoCustomer): number {
  if (cmp.channel === "email") return c.attributes.marketingOptIn ? (cmp.testGroup === null ? 0.9 : 1) : 0;
  // Paid audiences lean towards the promoted category's fans, as targeting does; a retargeting campaign
  // buys a few such impressions besides the followers it is there for.
  const likes = likesCategory(c, cmp.category);
  if (cmp.retargeting) return likes ? 0.06 : 0.02;
  return likes ? 0.6 : 0.3;
}

/** Most of the assisting channel's clickers see the banner a few times in the week after their click. */
function retargetingTimes(rng: Rng, cmp: DemoCampaign, clicks: readonly number[]): number[] {
  const out: number[] = [];
  for (const s of clicks) {
    if (s >= cmp.endAt || s + ASSIST.windowMs <= cmp.startAt || !chance(rng, 0.95)) continue;
    const n = 2 + Math.min(6, Math.floor(Math.log(1 - rng.next()) / Math.log(0.6)));
    for (let i = 0; i < n; i++) {
      const t = s + 3_600_000 + Math.floor(rng.next() * (ASSIST.windowMs - 3_600_000));
      if (t >= cmp.startAt && t < cmp.endAt) out.push(t);
    }
  }
  return out;
}

const round4 = (x: number) => Math.round(x * 10_000) / 10_000;
