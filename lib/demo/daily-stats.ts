// Campaigns that report like an ad platform export: one aggregate row per day and device, no customers.
import { DAY_MS } from "./calendar";
import type { DemoCampaign } from "./campaigns";
import { logNormal, normal, type Rng } from "../ml/random";

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
