import { parseArgs } from "node:util";
import { ATTRIBUTION_MODELS, isAttributionModel } from "../../lib/analytics/attribution";
import { prepareDatabase } from "../../lib/services/prepare-database";
import { computeAttribution, MODEL_LABEL } from "../../lib/services/campaigns/attribution";
import { type Command, parseIntegerFlag, UsageError } from "../cli-support";

const MODEL_FLAG: Record<string, string> = { position: "position", "position-based": "position" };

export const attributionCommand: Command = {
  name: "attribution",
  summary: "purchases and revenue credited to campaigns and channels by each attribution model",
  usage: "attribution [--model last-click|first-click|linear|time-decay|position|markov|all] [--window-days N] [--impressions] [--impression-window-days N] [--half-life-days N] [--json]",
  async run(args, ctx) {
    const { values } = parseArgs({
      args,
      strict: true,
      options: { model: { type: "string", default: "all" }, "window-days": { type: "string" }, impressions: { type: "boolean", default: false }, "impression-window-days": { type: "string" }, "half-life-days": { type: "string" }, json: { type: "boolean", default: false } },
    });
    const model = MODEL_FLAG[values.model!] ?? values.model!;
    if (model !== "all" && !isAttributionModel(model)) throw new UsageError(`--model must be one of ${ATTRIBUTION_MODELS.join(", ")} or all, got "${values.model}"`);
    const halfLife = values["half-life-days"] === undefined ? 7 : Number(values["half-life-days"]);
    if (!Number.isFinite(halfLife)) throw new UsageError(`--half-life-days must be a number, got "${values["half-life-days"]}"`);
    await prepareDatabase({ seedIfEmpty: false });
    const r = await computeAttribution(
      { clickWindowDays: parseIntegerFlag("window-days", values["window-days"], 7, 1), impressionWindowDays: parseIntegerFlag("impression-window-days", values["impression-window-days"], 1, 0), includeImpressions: values.impressions, halfLifeDays: halfLife },
      async (share, note) => ctx.log(`${Math.round(share * 100)}% ${note}`),
    );
    const chosen = model === "all" ? ATTRIBUTION_MODELS : ATTRIBUTION_MODELS.filter((m) => m === model);
    const models = Object.fromEntries(
      chosen.map((m) => [m, { totalRevenue: r.models[m].totalRevenue, totalPurchases: r.models[m].totalPurchases, byChannel: r.models[m].byChannel, byCampaign: r.models[m].byCampaign.map(({ name, externalId, purchases, revenue, cost, roas, attributable, platformConversions, platformRevenue }) => ({ name, externalId, purchases, revenue, cost, roas, attributable, platformConversions, platformRevenue })) }]),
    );
    const json = { settings: r.settings, summary: r.summary, platformReported: r.platform, models, seconds: r.seconds };
    const lines = [
      `${Math.round(r.summary.attributedPurchases)} purchases (${r.summary.attributedRevenue.toFixed(2)}) follow a campaign click within ${r.settings.clickWindowDays} days; ${r.summary.unattributedPurchases} (${r.summary.unattributedRevenue.toFixed(2)}) do not. Platforms reported ${r.platform.conversions} conversions (${r.platform.revenue.toFixed(2)}).`,
      ...chosen.flatMap((m) => [`${MODEL_LABEL[m]}: ${r.models[m].totalRevenue.toFixed(2)} in total`, ...r.models[m].byChannel.map((c) => `  ${c.name}: ${c.purchases.toFixed(1)} purchases, ${c.revenue.toFixed(2)}, ROAS ${!c.attributable ? "– (no customer-level touches)" : c.roas === null ? "– (no cost)" : c.roas.toFixed(2)}`)]),
    ];
    return { json, text: lines.join("\n") };
  },
};
