import Link from "next/link";

const TABS = [
  { href: "/admin", label: "Users" },
  { href: "/admin/tokens", label: "API tokens" },
  { href: "/admin/customers", label: "Customer data (GDPR)" },
  { href: "/admin/audit", label: "Audit log" },
];

export function AdminTabs({ current }: { current: string }) {
  return (
    <nav aria-label="Admin" className="mb-6 flex flex-wrap gap-1 border-b border-slate-200">
      {TABS.map((t) => (
        <Link key={t.href} href={t.href} aria-current={t.href === current ? "page" : undefined} className={`-mb-px border-b-2 px-3 py-2 text-sm font-medium ${t.href === current ? "border-indigo-600 text-indigo-700" : "border-transparent text-slate-600 hover:text-slate-900"}`}>
          {t.label}
        </Link>
      ))}
    </nav>
  );
}
