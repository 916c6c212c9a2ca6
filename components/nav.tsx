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

export function Nav() {
  const path = usePathname();
  // The longest link that prefixes the path is the current one: /data/import is Import, not Data.
  const current = LINKS.filter((l) => (l.href === "/" ? path === "/" : path === l.href || path.startsWith(`${l.href}/`))).sort((a, b) => b.href.length - a.href.length)[0]?.href;
  return (
    <nav aria-label="Main" className="flex flex-wrap gap-1">
      {LINKS.map((l) => {
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
