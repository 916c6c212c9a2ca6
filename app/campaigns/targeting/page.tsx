import type { Metadata } from "next";
import Link from "next/link";
import { DataTable } from "@/components/ui/data-table";
import { EmptyState, Notice, PageHeader, Section } from "@/components/ui/page-header";
import { requirePage } from "@/lib/auth/page-guard";
import { can, type Role } from "@/lib/auth/roles";
import { UserError } from "@/lib/errors";
import { TARGETING_URL_KEYS, TargetingQuery } from "@/lib/services/scoring/request";
import { buildTargeting, TargetingRequest, type Targeting } from "@/lib/services/scoring/targeting";
import { first, type SearchParams } from "@/lib/url-state";
import { fmt } from "../../formatting";
import { MODEL_LABEL } from "../scoring/tables";
import { SaveAudienceForm } from "./save-form";

export const metadata: Metadata = { title: "Audience targeting" };
export const dynamic = "force-dynamic";

const field = "mt-1 w-28 rounded-md border border-slate-300 px-2 py-1 text-sm";

/** The request from the URL (read as the CSV export reads it); a value it refuses is reported and the defaults used. */
function readRequest(sp: SearchParams): { request: TargetingRequest; query: string; problem: string | null } {
  const raw = Object.fromEntries(TARGETING_URL_KEYS.map((k) => [k, first(sp, k)]));
  const parsed = TargetingQuery.safeParse(raw);
  if (parsed.success) {
    // The export links carry the URL's own values, so the file holds exactly the audience shown.
    const query = new URLSearchParams(Object.entries(raw).filter((e): e is [string, string] => e[1] !== undefined && e[1].trim() !== "")).toString();
    return { request: parsed.data, query, problem: null };
  }
  const issue = parsed.error.issues[0]!;
  return { request: TargetingRequest.parse({}), query: "", problem: `${String(issue.path[0])}: ${issue.message}; showing the defaults.` };
}

export default async function TargetingPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const caller = await requirePage("dashboards:read", "/campaigns/targeting");
  const sp = await searchParams;
  const { request, query, problem } = readRequest(sp);
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
        <TargetingView t={t} request={request} canSave={can(caller.role, "segments:write")} exports={exportLinks(caller.role, query)} />
      )}
    </>
  );
}

const button = "rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium hover:bg-slate-100";

type ExportLink = { href: string; label: string; title?: string };

/** The CSV downloads this role may use (the route checks again): ids only without pii:read, hashed emails only with it. */
function exportLinks(role: Role, query: string): ExportLink[] {
  if (!can(role, "exports:read")) return [];
  const href = (extra: string) => {
    const q = [query, extra].filter(Boolean).join("&");
    return q ? `/api/targeting/export?${q}` : "/api/targeting/export";
  };
  const pii = can(role, "pii:read");
  return [
    { href: href(""), label: pii ? "Download CSV" : "Download CSV (without emails and names)" },
    ...(pii ? [{ href: href("emails=sha256"), label: "Download CSV with hashed emails (for ad platforms)", title: "SHA-256 of each trimmed, lower-cased email, as Google, Meta and LinkedIn take for customer-match audiences" }] : []),
  ];
}

function TargetingView({ t, request: r, canSave, exports }: { t: Targeting; request: TargetingRequest; canSave: boolean; exports: ExportLink[] }) {
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
        {canSave || exports.length ? (
          <div className="mt-4 flex flex-wrap items-end gap-3">
            {canSave ? <SaveAudienceForm request={r} size={a.size} /> : null}
            {exports.map((l) => (
              <a key={l.href} href={l.href} download title={l.title} className={button}>
                {l.label}
              </a>
            ))}
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
