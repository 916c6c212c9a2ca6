import type { Metadata } from "next";
import { PageHeader, Section } from "@/components/ui/page-header";
import { requirePage } from "@/lib/auth/page-guard";
import { ROLE_SUMMARY, ROLES } from "@/lib/auth/roles";
import { listUsers } from "@/lib/db/users";
import { fmt } from "../formatting";
import { AdminTabs } from "./admin-tabs";
import { NewUserForm, RoleSelect } from "./user-forms";

export const metadata: Metadata = { title: "Users" };
export const dynamic = "force-dynamic";

export default async function AdminUsersPage() {
  const caller = await requirePage("admin", "/admin");
  const users = await listUsers();
  return (
    <>
      <PageHeader title="Admin" description="Who can sign in and what each of them may do. Every change here is written to the audit log." />
      <AdminTabs current="/admin" />
      <Section title="Users" description="A role change takes effect at once and signs the person out of their sessions.">
        <table className="min-w-full text-sm" data-testid="users-table">
          <caption className="sr-only">Users</caption>
          <thead>
            <tr className="border-b border-slate-200 text-left text-xs uppercase tracking-wide text-slate-500">
              <th className="px-3 py-2">Email</th><th className="px-3 py-2">Name</th><th className="px-3 py-2">Role</th><th className="px-3 py-2">Since</th>
            </tr>
          </thead>
          <tbody>
            {users.map((u) => (
              <tr key={u.id} className="border-b border-slate-100">
                <td className="px-3 py-2">{u.email}{u.id === caller.userId ? <span className="ml-2 text-xs text-slate-500">(you)</span> : null}</td>
                <td className="px-3 py-2">{u.name}</td>
                <td className="px-3 py-2"><RoleSelect userId={u.id} email={u.email} role={u.role} /></td>
                <td className="px-3 py-2">{fmt.day(u.createdAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Section>
      <Section title="Add a user" description="Passwords need at least 8 characters and must not be a common password. People cannot sign themselves up.">
        <NewUserForm />
      </Section>
      <Section title="Roles">
        <dl className="grid gap-2 text-sm md:grid-cols-[8rem_1fr]">
          {ROLES.map((r) => (
            <div key={r} className="contents"><dt className="font-medium">{r}</dt><dd className="text-slate-600">{ROLE_SUMMARY[r]}</dd></div>
          ))}
        </dl>
      </Section>
    </>
  );
}
