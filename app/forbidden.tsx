import Link from "next/link";

// Rendered (with status 403) when a signed-in person opens a page their role may not see.
export default function Forbidden() {
  return (
    <div className="mx-auto max-w-lg rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
      <h1 className="mb-2 text-xl font-semibold">You do not have access to this page</h1>
      <p className="text-sm text-slate-600">
        Your role does not include it. An admin can change your role under Admin → Users.{" "}
        <Link href="/" className="font-medium text-indigo-700 underline">Back to the overview</Link>
      </p>
    </div>
  );
}
