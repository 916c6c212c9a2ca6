import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { UserMenu } from "@/components/auth/user-menu";
import { Nav } from "@/components/nav";
import { currentCaller } from "@/lib/auth/page-guard";
import { can } from "@/lib/auth/roles";
import { Providers } from "./providers";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "MarketLens", template: "%s · MarketLens" },
  description: "Self-hosted marketing intelligence: customers, segments, recommendations and campaigns.",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // For the header only: every page checks its own access (lib/auth/page-guard.ts).
  const caller = await currentCaller();
  return (
    <html lang="en">
      <body>
        <Providers>
          <header className="border-b border-slate-200 bg-white">
            <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-6 px-6 py-3">
              <Link href="/" className="text-lg font-semibold tracking-tight text-slate-900">
                Market<span className="text-indigo-600">Lens</span>
              </Link>
              {caller ? (
                <>
                  <Nav canImport={can(caller.role, "imports:write")} isAdmin={can(caller.role, "admin")} />
                  <UserMenu label={caller.label} role={caller.role} />
                </>
              ) : null}
            </div>
          </header>
          <main className="mx-auto max-w-7xl px-6 py-8">{children}</main>
        </Providers>
      </body>
    </html>
  );
}
