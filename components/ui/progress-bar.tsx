import type { ReactNode } from "react";

/**
 * A labelled progress bar. `fraction` is 0..1, or null while the total is unknown (then it pulses and
 * leaves aria-valuenow out, which assistive technology reads as "busy").
 */
export function ProgressBar({ label, fraction, valueText, children, testId }: { label: string; fraction: number | null; valueText?: string; children?: ReactNode; testId?: string }) {
  const percent = fraction === null ? null : Math.round(Math.min(1, Math.max(0, fraction)) * 100);
  return (
    <div data-testid={testId}>
      <div
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent ?? undefined}
        aria-valuetext={valueText ?? (percent === null ? undefined : `${percent}%`)}
        className="h-3 w-full overflow-hidden rounded-full bg-slate-200"
      >
        <div className={`h-full rounded-full bg-indigo-600 transition-[width] duration-300 ${percent === null ? "w-full animate-pulse opacity-40" : ""}`} style={percent === null ? undefined : { width: `${percent}%` }} />
      </div>
      {children ? <div className="mt-1.5 flex flex-wrap justify-between gap-x-4 text-xs text-slate-600 tabular-nums">{children}</div> : null}
    </div>
  );
}
