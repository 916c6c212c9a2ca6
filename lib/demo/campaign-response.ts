// How a demo customer answers one impression: the chance of a click, and of a click becoming a sale.
import { DAY_MS } from "./calendar";
import type { DemoCampaign } from "./campaigns";
import type { DemoCustomer } from "./customers";
import { TASTE_GROUPS } from "./taste-groups";

/** Effects on the click logit: the creative and its placement matter, as in real ad data. */
export const AD_TYPE_EFFECT: Record<string, number> = { newsletter: 0, promotion: 0.25, video: 0.45, carousel: 0.3, banner: -0.55, text: 0.5, shopping: 0.35 };
export const POSITION_EFFECT: Record<string, number> = { inline: 0, feed: 0.1, story: 0.05, sidebar: -0.45, top: 0.35 };

/**
 * Planted assist: a click on a social ad makes an email or display impression in the following week far
 * more persuasive. Social itself mostly starts journeys (its own clicks rarely buy), so last-click credit
 * undersells it and a removal-effect (Markov) model should credit it more.
 */
export const ASSIST = { from: "social", to: ["email", "display"], windowMs: 7 * DAY_MS, click: 1.8, convert: 2 } as const;
const SOCIAL_DIRECT_CONVERT = -1;

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

export function likesCategory(c: DemoCustomer, category: string): boolean {
  return category !== "" && TASTE_GROUPS[c.tasteGroup]!.categories.includes(category);
}

/** Whether `campaign` persuades `c` (see {@link DemoCampaign.persuades}). */
export function isPersuadable(campaign: DemoCampaign, c: DemoCustomer): boolean {
  return campaign.persuades !== null && c.age <= campaign.persuades.maxAge && !c.attributes.loyaltyMember;
}

/** Probability that one impression of `campaign` makes `c` click, and that a click converts. */
export function responseProbabilities(campaign: DemoCampaign, c: DemoCustomer, assisted = false): { click: number; convert: number } {
  const likes = likesCategory(c, campaign.category);
  const incomeZ = (Math.log(c.income) - Math.log(36_000)) / 0.45;
  const ageEffect = campaign.channel === "social" ? -0.025 * (c.age - 35) : campaign.channel === "email" ? 0.015 * (c.age - 40) : 0;
  const band = campaign.ageEffect && c.age >= campaign.ageEffect.minAge && c.age <= campaign.ageEffect.maxAge ? campaign.ageEffect : null;
  const persuaded = isPersuadable(campaign, c) ? campaign.persuades : null;
  const click =
    -3.55 +
    (AD_TYPE_EFFECT[campaign.adType] ?? 0) +
    (POSITION_EFFECT[campaign.adPosition] ?? 0) +
    ageEffect +
    0.18 * incomeZ +
    (likes ? 1.1 : 0) +
    (c.attributes.loyaltyMember ? 0.3 : 0) +
    campaign.lift +
    (band?.click ?? 0) +
    (persuaded?.click ?? 0) +
    (assisted ? ASSIST.click : 0);
  const convert =
    -2.3 +
    0.35 * incomeZ +
    (likes ? 0.9 : 0) +
    (campaign.channel === ASSIST.from ? SOCIAL_DIRECT_CONVERT : 0) +
    (band?.convert ?? 0) +
    (persuaded?.convert ?? 0) +
    (assisted ? ASSIST.convert : 0);
  return { click: sigmoid(click), convert: sigmoid(convert) };
}
