import type { Metadata } from "next";
import { EmptyState, Notice, PageHeader, Section } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { requirePage } from "@/lib/auth/page-guard";
import { listAuditActions, listAuditEvents } from "@/lib/db/audit";
import { describeZodError } from "@/lib/errors";
import { AuditQuery, auditFilter } from "@/lib/services/audit-query";
import type { SearchParams } from "@/lib/url-state";
import { fmt } from "../../formatting";
import { AdminTabs } from "../admin-tabs";

export const metadata: Metadata = { title: "Audit log" };
export const dynamic = "force-dynamic";

const PAGE_SIZE = 50;
const INPUT = "mt-1 block rounded-md border border-slate-300 px-2 py-1 text-sm";

export default async function AuditPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await requirePage("admin", "/admin/audit");
  const sp = await searchParams;
  const raw = Object.fromEntries(Object.entries(sp).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
  const parsed = AuditQuery.safeParse(raw);
  const q = parsed.success ? parsed.data : AuditQuery.parse({});
  const [page, actions] = await Promise.all([listAuditEvents(auditFilter(q), { page: q.page, pageSize: PAGE_SIZE }), listAuditActions()]);
  const exportQuery = new URLSearchParams(Object.entries({ action: q.action, outcome: q.outcome, actor: q.actor, from: q.from, to: q.to }).filter((e): e is [string, string] => !!e[1])).toString();
  return (
    <>
      <PageHeader title="Admin" description="Everything done in MarketLens that matters for security and privacy: sign-ins, users and roles, tokens, imports, exports and erasures. Entries are never changed or removed, and hold no customer's personal data." />
      <AdminTabs current="/admin/audit" />
      {parsed.success ? null : <Notice tone="warning">Some filters were not understood and are ignored: {describeZodError(parsed.error).message}.</Notice>}
      <Section title="Audit log" actions={<a href={`/api/audit${exportQuery ? `?${exportQuery}` : ""}`} className="rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium hover:bg-slate-100" download>Export CSV</a>}>
        <form method="get" className="mb-4 flex flex-wrap items-end gap-3" aria-label="Filter the audit log">
          <label className="text-sm">Action
            <select name="action" defaultValue={q.action ?? ""} className={INPUT}>
              <option value="">all</option>
              {actions.map((a) => <option key={a}>{a}</option>)}
            </select>
          </label>
          <label className="text-sm">Outcome
            <select name="outcome" defaultValue={q.outcome ?? ""} className={INPUT}>
              <option value="">all</option><option>ok</option><option>denied</option><option>failed</option>
            </select>
          </label>
          <label className="text-sm">Who<input name="actor" defaultValue={q.actor ?? ""} placeholder="part of an email" className={INPUT} /></label>
          <label className="text-sm">From<input type="date" name="from" defaultValue={q.from ?? ""} className={INPUT} /></label>
          <label className="text-sm">To<input type="date" name="to" defaultValue={q.to ?? ""} className={INPUT} /></label>
          <button type="submit" className="rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-500">Filter</button>
        </form>
        {page.total === 0 ? (
          <EmptyState title="No entries match">Widen the filters, or clear them to see everything.</EmptyState>
        ) : (
          <>
            <div className="overflow-x-auto">
              <table className="min-w-full text-sm" data-testid="audit-table">
                <caption className="sr-only">Audit log entries</caption>
                <thead>
                  <tr className="border-b border-slate-200 text-left text-xs uppercase tracking-wide text-slate-500">
                    <th className="px-3 py-2">When (UTC)</th><th className="px-3 py-2">Who</th><th className="px-3 py-2">Action</th><th className="px-3 py-2">Outcome</th><th className="px-3 py-2">On</th><th className="px-3 py-2">Details</th><th className="px-3 py-2">From</th>
                  </tr>
                </thead>
                <tbody>
                  {page.rows.map((e) => (
                    <tr key={e.id} className="border-b border-slate-100 align-top">
                      <td className="whitespace-nowrap px-3 py-2">{fmt.dateTime(e.at)}</td>
                      <td className="px-3 py-2">{e.actorLabel ?? "unknown"}</td>
                      <td className="px-3 py-2 font-mono text-xs">{e.action}</td>
                      <td className={`px-3 py-2 ${e.outcome === "ok" ? "" : "font-medium text-red-700"}`}>{e.outcome}</td>
                      <td className="px-3 py-2">{e.target ?? ""}</td>
                      <td className="max-w-md break-words px-3 py-2 text-xs text-slate-600">{e.detail ? Object.entries(e.detail as Record<string, unknown>).map(([k, v]) => `${k}: ${Array.isArray(v) ? v.join(", ") : String(v)}`).join(" · ") : ""}</td>
                      <td className="px-3 py-2 text-xs text-slate-600" title={e.userAgent ?? undefined}>{e.ip ?? ""}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <Pagination page={page.page} pageSize={PAGE_SIZE} total={page.total} path="/admin/audit" params={sp} format={fmt.integer} />
          </>
        )}
      </Section>
    </>
  );
}
