"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

const LINKS = [
  { href: "/", label: "Overview" },
  { href: "/data", label: "Data" },
  { href: "/data/import", label: "Import" },
  { href: "/segments", label: "Segments" },
  { href: "/recommendations", label: "Recommendations" },
  { href: "/campaigns", label: "Campaigns" },
];

const ADMIN_LINK = { href: "/admin", label: "Admin" };

/** The main links a role can use; the pages check access themselves. */
export function Nav({ canImport, isAdmin }: { canImport: boolean; isAdmin: boolean }) {
  const path = usePathname();
  const links = [...LINKS.filter((l) => canImport || l.href !== "/data/import"), ...(isAdmin ? [ADMIN_LINK] : [])];
  // The longest link that prefixes the path is the current one: /data/import is Import, not Data.
  const current = links.filter((l) => (l.href === "/" ? path === "/" : path === l.href || path.startsWith(`${l.href}/`))).sort((a, b) => b.href.length - a.href.length)[0]?.href;
  return (
    <nav aria-label="Main" className="flex flex-wrap gap-1">
      {links.map((l) => {
        const active = l.href === current;
        return (
          <Link
            key={l.href}
            href={l.href}
            aria-current={active ? "page" : undefined}
            className={`rounded-md px-3 py-2 text-sm font-medium ${active ? "bg-indigo-50 text-indigo-700" : "text-slate-600 hover:bg-slate-100 hover:text-slate-900"}`}
          >
            {l.label}
          </Link>
        );
      })}
    </nav>
  );
}
