import type { Metadata } from "next";
import { EmptyState, PageHeader, Section } from "@/components/ui/page-header";
import { requirePage } from "@/lib/auth/page-guard";
import { listUsers } from "@/lib/db/users";
import { listTokens } from "@/lib/services/api-tokens";
import { fmt } from "../../formatting";
import { AdminTabs } from "../admin-tabs";
import { NewTokenForm, RevokeButton } from "./token-forms";

export const metadata: Metadata = { title: "API tokens" };
export const dynamic = "force-dynamic";

export default async function TokensPage() {
  await requirePage("admin", "/admin/tokens");
  const [tokens, users] = await Promise.all([listTokens(), listUsers()]);
  // eslint-disable-next-line react-hooks/purity -- a server component renders once per request, so the request time is the intended input, not an unstable re-render value.
  const now = Date.now();
  const state = (t: (typeof tokens)[number]) => (t.revokedAt ? `revoked ${fmt.day(t.revokedAt)}` : t.expiresAt && t.expiresAt.getTime() <= now ? "expired" : t.expiresAt ? `until ${fmt.day(t.expiresAt)}` : "no expiry");
  return (
    <>
      <PageHeader title="Admin" description="Tokens for the REST API (described at /api/openapi.json). A token acts as its user, limited to its scopes; only its hash is kept." />
      <AdminTabs current="/admin/tokens" />
      <Section title="Tokens">
        {tokens.length === 0 ? (
          <EmptyState title="No API tokens yet">Create one below for the system that will call the API, with only the scopes it needs.</EmptyState>
        ) : (
          <table className="min-w-full text-sm" data-testid="tokens-table">
            <caption className="sr-only">API tokens</caption>
            <thead>
              <tr className="border-b border-slate-200 text-left text-xs uppercase tracking-wide text-slate-500">
                <th className="px-3 py-2">Id</th><th className="px-3 py-2">Name</th><th className="px-3 py-2">Starts</th><th className="px-3 py-2">User</th><th className="px-3 py-2">Scopes</th><th className="px-3 py-2">State</th><th className="px-3 py-2">Last used</th><th className="px-3 py-2"><span className="sr-only">Revoke</span></th>
              </tr>
            </thead>
            <tbody>
              {tokens.map((t) => (
                <tr key={t.id} className="border-b border-slate-100">
                  <td className="px-3 py-2">{t.id}</td>
                  <td className="px-3 py-2">{t.name}</td>
                  <td className="px-3 py-2 font-mono text-xs">{t.prefix}…</td>
                  <td className="px-3 py-2">{t.user.email}</td>
                  <td className="px-3 py-2">{t.scopes.join(", ")}</td>
                  <td className="px-3 py-2">{state(t)}</td>
                  <td className="px-3 py-2">{t.lastUsedAt ? fmt.dateTime(t.lastUsedAt) : "never"}</td>
                  <td className="px-3 py-2">{t.revokedAt ? null : <RevokeButton id={t.id} />}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Section>
      <Section title="Create a token">
        <NewTokenForm users={users.map((u) => u.email)} />
      </Section>
    </>
  );
}
