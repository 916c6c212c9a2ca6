import type { Metadata } from "next";
import Link from "next/link";
import { DataTable } from "@/components/ui/data-table";
import { EmptyState, Notice, PageHeader, Section } from "@/components/ui/page-header";
import { requirePage } from "@/lib/auth/page-guard";
import { can } from "@/lib/auth/roles";
import { UserError } from "@/lib/errors";
import { buildTargeting, TargetingRequest, type Targeting } from "@/lib/services/scoring/targeting";
import { first, type SearchParams } from "@/lib/url-state";
import { fmt } from "../../formatting";
import { MODEL_LABEL } from "../scoring/tables";
import { SaveAudienceForm } from "./save-form";

export const metadata: Metadata = { title: "Audience targeting" };
export const dynamic = "force-dynamic";

const field = "mt-1 w-28 rounded-md border border-slate-300 px-2 py-1 text-sm";
const num = (s: string | undefined) => (s === undefined || s.trim() === "" ? undefined : Number(s));

/** The request from the URL; a value the schema refuses is reported and its default used. */
function readRequest(sp: SearchParams): { request: TargetingRequest; problem: string | null } {
  const raw = {
    model: first(sp, "model") || undefined,
    channel: first(sp, "channel") || undefined,
    adType: first(sp, "adType") || undefined,
    adPosition: first(sp, "adPosition") || undefined,
    by: first(sp, "by") || undefined,
    size: num(first(sp, "size")),
    threshold: num(first(sp, "threshold")) === undefined ? undefined : num(first(sp, "threshold"))! / 100,
    budget: num(first(sp, "budget")),
    cost: first(sp, "cost") || undefined,
    price: num(first(sp, "price")),
    targetRoi: num(first(sp, "targetRoi")) === undefined ? undefined : num(first(sp, "targetRoi"))! / 100,
  };
  const parsed = TargetingRequest.safeParse(raw);
  if (parsed.success) return { request: parsed.data, problem: null };
  const issue = parsed.error.issues[0]!;
  return { request: TargetingRequest.parse({}), problem: `${String(issue.path[0])}: ${issue.message}; showing the defaults.` };
}

export default async function TargetingPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const caller = await requirePage("dashboards:read", "/campaigns/targeting");
  const sp = await searchParams;
  const { request, problem } = readRequest(sp);
  let t: Targeting | null = null;
  let error: string | null = null;
  try {
    t = await buildTargeting(request);
  } catch (e) {
    if (!(e instanceof UserError)) throw e;
    error = e.message;
  }
  return (
    <>
      <PageHeader
        title="Audience targeting"
        description={
          <>
            Score every customer for a campaign set-up, pick the audience by size, score or budget, and see what to bid to keep the return you want.{" "}
            <Link href="/campaigns/scoring" className="text-indigo-700 hover:underline">Response models</Link>
          </>
        }
      />
      {problem ? <Notice tone="warning">{problem}</Notice> : null}
      {error ? <Notice tone="warning">{error}</Notice> : null}
      {!t ? (
        !error ? (
          <EmptyState title="No click model trained yet">
            Targeting scores customers with a click model: <Link href="/campaigns/scoring" className="text-indigo-700 underline">train one on the scoring page</Link> (and a conversion model for a conversion rate per customer).
          </EmptyState>
        ) : null
      ) : (
        <TargetingView t={t} request={request} canSave={can(caller.role, "segments:write")} />
      )}
    </>
  );
}

function TargetingView({ t, request: r, canSave }: { t: Targeting; request: TargetingRequest; canSave: boolean }) {
  const a = t.audience;
  const money = (x: number | null) => (x === null ? "–" : fmt.money(x));
  const roi = (x: number | null) => (x === null ? "–" : `${(x * 100).toFixed(0)}%`);
  return (
    <>
      <Section title="Set-up and audience" description={`${MODEL_LABEL[t.model]} of run ${t.runId}; P(conversion | click) from ${t.conversionSource}; order value: each customer's average order (the shop's for customers without one).`}>
        <form method="get" aria-label="Targeting settings" className="flex flex-wrap items-end gap-3 text-sm">
          {(["channel", "adType", "adPosition"] as const).map((k) => (
            <label key={k} className="flex flex-col">
              {k === "channel" ? "Channel" : k === "adType" ? "Ad type" : "Ad position"}
              <input name={k} defaultValue={t.setup[k] ?? ""} className={field} />
            </label>
          ))}
          <label className="flex flex-col">
            Choose by
            <select name="by" defaultValue={r.by} className={field}>
              <option value="budget">budget</option>
              <option value="size">size</option>
              <option value="score">score</option>
            </select>
          </label>
          <label className="flex flex-col">
            Budget
            <input name="budget" type="number" min={0} step="any" defaultValue={r.budget} className={field} />
          </label>
          <label className="flex flex-col">
            Size (customers)
            <input name="size" type="number" min={0} step={1} defaultValue={r.size} className={field} />
          </label>
          <label className="flex flex-col">
            Min. click chance (%)
            <input name="threshold" type="number" min={0} max={100} step="any" defaultValue={r.threshold * 100} className={field} />
          </label>
          <label className="flex flex-col">
            Price
            <select name="cost" defaultValue={r.cost} className={field}>
              <option value="cpm">per 1,000 impressions</option>
              <option value="cpc">per click</option>
            </select>
          </label>
          <label className="flex flex-col">
            Price amount
            <input name="price" type="number" min={0} step="any" defaultValue={r.price} className={field} />
          </label>
          <label className="flex flex-col">
            Target ROI (%)
            <input name="targetRoi" type="number" step="any" defaultValue={r.targetRoi * 100} className={field} />
          </label>
          <button type="submit" className="rounded-md border border-slate-300 bg-white px-3 py-1.5 font-medium hover:bg-slate-100">
            Update
          </button>
        </form>
        <ul className="mt-4 list-disc pl-5 text-sm" data-testid="targeting-gain">
          {t.gain.map((g) => (
            <li key={g}>{g}</li>
          ))}
        </ul>
        <dl className="mt-4 grid grid-cols-2 gap-3 text-sm sm:grid-cols-4" data-testid="targeting-audience">
          {[
            ["Customers", `${fmt.integer(a.size)} of ${fmt.integer(t.customers)}`],
            ["Expected clicks", a.expectedClicks.toFixed(1)],
            ["Expected conversions", a.expectedConversions.toFixed(1)],
            ["Expected revenue", money(a.expectedRevenue)],
            ["Expected cost", money(a.expectedCost)],
            ["Expected ROI", roi(a.expectedRoi)],
            ["ROI of the last customer", roi(a.marginalRoi)],
            ["Value per impression", a.expectedImpressions ? money(a.expectedRevenue / a.expectedImpressions) : "–"],
          ].map(([k, v]) => (
            <div key={k} className="rounded border border-slate-200 p-2">
              <dt className="text-xs text-slate-500">{k}</dt>
              <dd className="font-semibold">{v}</dd>
            </div>
          ))}
        </dl>
        {canSave ? (
          <div className="mt-4">
            <SaveAudienceForm request={r} size={a.size} />
          </div>
        ) : null}
      </Section>
      <Section title="Bid guidance by decile" description={`The highest price per click and per thousand impressions that keeps ROI at ${(r.targetRoi * 100).toFixed(0)}% or more, for customers ranked by expected value per impression.`}>
        <ul className="mb-3 list-disc pl-5 text-sm" data-testid="bid-sentences">
          {t.deciles.slice(0, 3).map((d) => (
            <li key={d.decile}>{d.text}</li>
          ))}
        </ul>
        <DataTable
          caption="Bid guidance by decile"
          testId="bids-deciles"
          path="/campaigns/targeting"
          params={{}}
          rows={t.deciles}
          rowKey={(d) => d.decile}
          columns={[
            { header: "Customers", render: (d) => d.group },
            { header: "Click chance", align: "right", render: (d) => `${(d.meanPClick * 100).toFixed(2)}%` },
            { header: "Conversion | click", align: "right", render: (d) => `${(d.meanPConvert * 100).toFixed(1)}%` },
            { header: "Value / impression", align: "right", render: (d) => fmt.money(d.evPerImpression) },
            { header: "Max CPC", align: "right", render: (d) => money(d.maxCpc) },
            { header: "Max CPM", align: "right", render: (d) => fmt.money(d.maxCpm) },
          ]}
        />
      </Section>
      <Section title="Bid guidance by RFM segment">
        <DataTable
          caption="Bid guidance by RFM segment"
          testId="bids-segments"
          path="/campaigns/targeting"
          params={{}}
          rows={t.segments}
          rowKey={(g) => g.group ?? "none"}
          columns={[
            { header: "Segment", render: (g) => g.group ?? "–" },
            { header: "Customers", align: "right", render: (g) => fmt.integer(g.customers) },
            { header: "Click chance", align: "right", render: (g) => `${(g.meanPClick * 100).toFixed(2)}%` },
            { header: "Value / impression", align: "right", render: (g) => fmt.money(g.evPerImpression) },
            { header: "Max CPC", align: "right", render: (g) => money(g.maxCpc) },
            { header: "Max CPM", align: "right", render: (g) => fmt.money(g.maxCpm) },
          ]}
        />
      </Section>
    </>
  );
}
