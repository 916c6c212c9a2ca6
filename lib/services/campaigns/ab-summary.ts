// The A/B tests list: each test's headline verdict (CTR), and what the ad hoc comparison forms offer.
import { listTestGroups } from "../../db/ab-test-data";
import { listCampaigns } from "../../db/campaign-report";
import { listSegments } from "../../db/segments";
import { UserError } from "../../errors";
import { analyseTestGroup } from "./ab-test";

export async function listTestSummaries() {
  const [groups, campaigns, segments] = await Promise.all([listTestGroups(), listCampaigns(), listSegments()]);
  const tests = await Promise.all(
    groups.map(async (g) => {
      try {
        const r = await analyseTestGroup(g.testGroup, { metrics: ["ctr"] });
        const res = r.results[0]?.result;
        return { group: g.testGroup, arms: g.arms, verdict: res?.comparisons.map((c) => c.verdict).join(" ") ?? "No metric can be measured yet.", srmFlagged: res?.srm?.flagged ?? false };
      } catch (e) {
        if (!(e instanceof UserError)) throw e;
        return { group: g.testGroup, arms: g.arms, verdict: `No verdict: ${e.message}.`, srmFlagged: false };
      }
    }),
  );
  return { tests, campaigns: campaigns.map((c) => ({ id: c.id, name: c.name })), segments: segments.filter((s) => s.memberCount > 0).map((s) => ({ id: s.id, name: s.name })) };
}
