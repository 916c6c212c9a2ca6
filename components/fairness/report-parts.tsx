// What both fairness report pages show around their tables: the settings' warnings and the report in sentences.
import { Notice } from "@/components/ui/page-header";

/** A warning per setting that was not a number, then the refusal of the settings, if any. */
export function SettingsWarnings({ warnings, error }: { warnings: readonly string[]; error: string | null }) {
  return (
    <>
      {warnings.map((w) => (
        <Notice key={w} tone="warning">{w}</Notice>
      ))}
      {error ? <Notice tone="warning">{error}</Notice> : null}
    </>
  );
}

export function SummaryList({ sentences, testId, className }: { sentences: readonly string[]; testId: string; className: string }) {
  return (
    <ul className={`${className} list-disc space-y-1 pl-5 text-sm`} data-testid={testId}>
      {sentences.map((s) => (
        <li key={s}>{s}</li>
      ))}
    </ul>
  );
}
