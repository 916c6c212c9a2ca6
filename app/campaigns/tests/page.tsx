import type { Metadata } from "next";
import Link from "next/link";
import { EmptyState, PageHeader, Section } from "@/components/ui/page-header";
import { requirePage } from "@/lib/auth/page-guard";
import { listTestSummaries } from "@/lib/services/campaigns/ab-summary";
import { CompareForm } from "./compare-form";

export const metadata: Metadata = { title: "A/B tests" };
export const dynamic = "force-dynamic";

export default async function TestsPage() {
  await requirePage("dashboards:read", "/campaigns/tests");
  const { tests, campaigns, segments } = await listTestSummaries();
  return (
    <>
      <PageHeader
        title="A/B tests"
        description={
          <>
            Campaigns that share a test group are the arms of one test. Each verdict quotes its interval and never claims more than it shows.{" "}
            <Link href="/campaigns" className="text-indigo-700 hover:underline">All campaigns</Link>
          </>
        }
      />
      <Section title="Tests" description="The headline metric is CTR; open a test for every metric, the Bayesian and sequential readings, power and the sample ratio check.">
        {tests.length === 0 ? (
          <EmptyState title="No A/B tests yet">Give two or more campaigns the same test group (and each its variant) in the campaigns file, then import it.</EmptyState>
        ) : (
          <ul className="divide-y divide-slate-100" data-testid="tests-list">
            {tests.map((t) => (
              <li key={t.group} className="py-3">
                <Link href={`/campaigns/tests/${encodeURIComponent(t.group)}`} className="font-medium text-indigo-700 hover:underline">{t.group}</Link>
                <span className="text-sm text-slate-500"> · {t.arms} arms{t.srmFlagged ? " · sample ratio mismatch" : ""}</span>
                <p className="mt-1 text-sm">{t.verdict}</p>
              </li>
            ))}
          </ul>
        )}
      </Section>
      <Section title="Compare any two" description="Two campaigns, or how two saved segments responded to one campaign. Neither is randomised, and the result says so.">
        <CompareForm campaigns={campaigns} segments={segments} />
      </Section>
    </>
  );
}
