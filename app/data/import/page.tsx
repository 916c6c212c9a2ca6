import type { Metadata } from "next";
import Link from "next/link";
import { buttonClass } from "@/components/ui/button";
import { PageHeader, Section } from "@/components/ui/page-header";
import { env } from "@/lib/env";
import { loadImportHistory } from "@/lib/services/import/imports";
import { currency, locale } from "../../formatting";
import { ImportHistory } from "./import-history";
import { ImportWizard } from "./import-wizard";
import { requirePage } from "@/lib/auth/page-guard";

export const metadata: Metadata = { title: "Import data" };
export const dynamic = "force-dynamic";

const HISTORY_SIZE = 20;

export default async function ImportPage() {
  await requirePage("imports:write", "/data/import");
  const jobs = await loadImportHistory(HISTORY_SIZE);
  return (
    <>
      <PageHeader
        title="Import data"
        description="Customers, products, events, order lines, campaigns and campaign results from CSV files. Check how a file is read, dry-run it, then import it; every refused row is listed with its reason, and importing a file again never duplicates rows."
      >
        <Link href="/data" className={buttonClass("secondary")}>Back to the data</Link>
      </PageHeader>
      <ImportWizard maxMb={env.MARKETLENS_MAX_UPLOAD_MB} locale={locale} currency={currency} />
      <Section title="Import history" description={`The last ${HISTORY_SIZE} imports and dry runs, newest first.`}>
        <ImportHistory jobs={jobs} />
      </Section>
    </>
  );
}
