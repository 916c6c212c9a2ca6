// The notes under the file settings and the mapping: what the analysis noticed, and what still blocks
// the import. Both are announced politely as they change.

export function AnalysisWarnings({ warnings }: { warnings: readonly string[] }) {
  if (warnings.length === 0) return null;
  return (
    <div aria-live="polite" className="mt-4 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="analysis-warnings">
      <p className="font-medium">Worth checking</p>
      <ul className="list-disc pl-5">
        {warnings.map((w) => (
          <li key={w}>{w}</li>
        ))}
      </ul>
    </div>
  );
}

export function MappingProblems({ problems }: { problems: readonly string[] }) {
  return (
    <div aria-live="polite" className="mt-4 text-sm" data-testid="mapping-problems">
      {problems.length ? (
        <ul className="list-disc rounded-md border border-amber-300 bg-amber-50 py-2 pr-3 pl-8 text-amber-900">
          {problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      ) : (
        <p className="text-emerald-800">Every required field has a column.</p>
      )}
    </div>
  );
}
