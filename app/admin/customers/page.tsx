import type { Metadata } from "next";
import { PageHeader, Section } from "@/components/ui/page-header";
import { requirePage } from "@/lib/auth/page-guard";
import { first, type SearchParams } from "@/lib/url-state";
import { AdminTabs } from "../admin-tabs";
import { CustomerDataForm } from "./customer-data-form";

export const metadata: Metadata = { title: "Customer data" };
export const dynamic = "force-dynamic";

export default async function CustomerDataPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await requirePage("admin", "/admin/customers");
  const sp = await searchParams;
  const externalId = first(sp, "externalId")?.slice(0, 254);
  return (
    <>
      <PageHeader title="Admin" description="Requests from customers about their personal data (GDPR articles 15, 17 and 20)." />
      <AdminTabs current="/admin/customers" />
      <Section
        title="Export or erase one customer"
        description="Export gives everything stored about them as JSON. Erasure removes the customer, their events, campaign events, segment memberships and refused import rows that quote them, overwrites the deleted data in the database file, drops the recommendation and cluster models that held a row for them (they are trained again at once), and puts a keyed hash of their id and email on a suppression list so imports refuse them from then on. Both are recorded in the audit log by customer id."
      >
        <CustomerDataForm initial={externalId ? { by: "externalId", value: externalId } : null} />
      </Section>
    </>
  );
}
