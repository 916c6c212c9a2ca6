// Audience targeting from the stored response models: every customer scored under a campaign set-up,
// P(conversion | click) from the latest conversion model (or the shop's own rate when none is trained),
// each customer's average order value, then lib/analytics/targeting's audience, gain and bids. The
// targeting page, its export and "save as segment" all go through here, so they agree.
import { audienceByBudget, audienceByScore, audienceBySize, audienceExport, bidsByDecile, bidsBySegment, gainSummary, type Audience, type AudienceExportRow, type TargetingInputs } from "../../analytics/targeting";
import { getCustomerIdsByExternalId } from "../../db/customers";
import { exportRuleMembers } from "../../db/segment-rules";
import { UserError, userErrorFromMl } from "../../errors";
import { rfmSegmentsOfCustomers } from "../segments/rfm";
import { latestScoringRunId, loadScoringRun, scoreAllCustomers, setupOf, type LoadedScoring } from "./serving";
import { TargetingRequest } from "./request";
import { loadScoringInputs, type ScoringInputs } from "./training-data";

// The request is read from the page's URL and the export's query in request.ts; re-exported for the callers here.
export { TargetingRequest } from "./request";

export interface Targeting {
  readonly runId: number;
  readonly model: string;
  readonly setup: ReturnType<typeof setupOf>;
  readonly conversionSource: string;
  readonly customers: number;
  readonly gain: string[];
  readonly audience: Audience;
  readonly deciles: ReturnType<typeof bidsByDecile>;
  readonly segments: ReturnType<typeof bidsBySegment>;
  /** Database ids of the audience, best first. */
  readonly audienceIds: Int32Array;
  readonly inputs: TargetingInputs;
  readonly ids: Int32Array;
}

/** P(conversion | click) per customer: the latest conversion model under the same set-up, else the shop's rate. */
async function conversionChances(setup: ReturnType<typeof setupOf>, data: ScoringInputs, n: number): Promise<{ p: Float64Array; source: string }> {
  const latest = await latestScoringRunId("conversion");
  const run = latest ? await loadScoringRun(latest) : null;
  if (run?.result.settings.target === "conversion") {
    return { p: (await scoreAllCustomers(run, undefined, setup, data)).probability, source: `the conversion model of run ${run.id}` };
  }
  let clicks = 0;
  let conversions = 0;
  for (const t of data.events.type) {
    if (t === 1) clicks++;
    else if (t === 2) conversions++;
  }
  const rate = clicks > 0 ? Math.min(1, conversions / clicks) : 0;
  return { p: new Float64Array(n).fill(rate), source: `the shop's own rate, ${(rate * 100).toFixed(1)}% of clicks (train a conversion model for a rate per customer)` };
}

/** Each customer's average order value; the shop's for customers without orders. */
function orderValues(data: ScoringInputs): Float64Array {
  const { orders, customers } = data.sources;
  const sum = new Map<number, [number, number]>();
  let total = 0;
  for (let i = 0; i < orders.customer.length; i++) {
    const s = sum.get(orders.customer[i]!) ?? [0, 0];
    s[0] += orders.revenue[i]!;
    s[1]++;
    total += orders.revenue[i]!;
    sum.set(orders.customer[i]!, s);
  }
  const shop = orders.customer.length ? total / orders.customer.length : 0;
  return Float64Array.from(customers.ids, (id) => {
    const s = sum.get(id);
    return s && s[0] > 0 ? s[0] / s[1] : Math.max(0, shop);
  });
}

export async function buildTargeting(request: Partial<TargetingRequest>): Promise<Targeting | null> {
  const req = TargetingRequest.parse(request);
  const runId = req.run ?? (await latestScoringRunId("click"));
  const run: LoadedScoring | null = runId === null ? null : await loadScoringRun(runId);
  if (!run) return null;
  if (run.result.settings.target !== "click") throw new UserError(`run ${run.id} predicts conversions; targeting starts from a click model`);
  const setup = setupOf(run, { channel: req.channel, adType: req.adType, adPosition: req.adPosition });
  const data = await loadScoringInputs();
  const clicks = await scoreAllCustomers(run, req.model, setup, data);
  const n = clicks.ids.length;
  const convert = await conversionChances(setup, data, n);
  const rfm = await rfmSegmentsOfCustomers();
  const rfmOf = new Map<number, string>();
  rfm.ids.forEach((id, i) => rfmOf.set(id, rfm.names[rfm.segment[i]!]!));
  const inputs: TargetingInputs = { pClick: clicks.probability, pConvert: convert.p, orderValue: orderValues(data), segment: Array.from(clicks.ids, (id) => rfmOf.get(id) ?? "No purchases") };
  try {
    const cost = req.cost === "cpm" ? ({ kind: "cpm", cpm: req.price } as const) : ({ kind: "cpc", cpc: req.price } as const);
    const audience = req.by === "size" ? audienceBySize(inputs, Math.min(req.size, n), { cost }) : req.by === "score" ? audienceByScore(inputs, { on: "pClick", threshold: req.threshold }, { cost }) : audienceByBudget(inputs, { cost, budget: req.budget });
    const groups = Math.min(10, n);
    return {
      runId: run.id,
      model: req.model ?? run.result.best,
      setup,
      conversionSource: convert.source,
      customers: n,
      gain: [0.1, 0.2, 0.5].map((share) => gainSummary(inputs, share, { value: "clicks" }).text),
      audience,
      deciles: groups > 0 ? bidsByDecile(inputs, { targetRoi: req.targetRoi, groups }) : [],
      segments: bidsBySegment(inputs, { targetRoi: req.targetRoi }),
      audienceIds: Int32Array.from(audience.rows, (r) => clicks.ids[r]!),
      inputs,
      ids: clicks.ids,
    };
  } catch (e) {
    throw userErrorFromMl(e);
  }
}

/** What goes out with each customer: no personal data, the address and the name, or the address's SHA-256 match key. */
export type AudienceEmails = "none" | "plain" | "sha256";

export interface TargetingExportRow extends AudienceExportRow {
  /** Only with "plain". */
  readonly name: string | null;
  /** 1 = the best customer by expected value per impression. */
  readonly rank: number;
}

export interface TargetingExport {
  readonly runId: number;
  readonly model: string;
  readonly emails: AudienceEmails;
  /** The audience the page shows, best first, customers by their own (external) id. */
  readonly rows: readonly TargetingExportRow[];
}

/** The audience of `request` as its CSV export carries it; null when no click model is trained. */
export async function exportTargetingAudience(request: Partial<TargetingRequest>, emails: AudienceEmails): Promise<TargetingExport | null> {
  const t = await buildTargeting(request);
  if (!t) return null;
  const externalOf = new Map<number, string>();
  for (const [externalId, id] of await getCustomerIdsByExternalId()) externalOf.set(id, externalId);
  const customerIds = Array.from(t.ids, (id) => externalOf.get(id) ?? null);
  if (customerIds.includes(null)) throw new UserError("The customers changed while the audience was being built; export it again.", "conflict");
  const known = customerIds as string[];
  const contacts = emails === "none" ? new Map<string, Contact>() : await contactsOf(new Set(Array.from(t.audience.rows, (r) => known[r]!)));
  const exported = audienceExport(t.inputs, t.audience.rows, { customerIds: known, emails: known.map((id) => contacts.get(id)?.email ?? null), hashEmails: emails === "sha256" });
  return {
    runId: t.runId,
    model: t.model,
    emails,
    rows: exported.rows.map((r, k) => ({ ...r, name: emails === "plain" ? (contacts.get(r.customerId)?.name ?? null) : null, rank: k + 1 })),
  };
}

type Contact = { readonly email: string | null; readonly name: string | null };

/** Email and name (decrypted when sealed at rest) of the customers with these external ids. */
async function contactsOf(externalIds: ReadonlySet<string>): Promise<Map<string, Contact>> {
  const out = new Map<string, Contact>();
  // The empty rule matches everyone: one pass over the customers in pages, where a list of up to 100,000 ids
  // would not fit in one query's parameters (SQLite allows 32,766).
  for await (const page of exportRuleMembers({ all: [] })) {
    for (const r of page) if (externalIds.has(r.externalId)) out.set(r.externalId, { email: r.email, name: r.name });
  }
  return out;
}
