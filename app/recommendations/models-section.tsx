import { EmptyState, Section } from "@/components/ui/page-header";
import type { JobView } from "@/lib/services/jobs/job-view";
import { RECOMMENDERS } from "@/lib/ml/recs/registry";
import type { LoadedModels } from "@/lib/services/recs/serving";
import { DEFAULT_INTERACTIONS } from "@/lib/services/recs/training-data";
import { fmt } from "../formatting";
import { TrainButton } from "./train-button";

/** What the trained models learnt from and when, how long each took, and a button to train again. */
export function ModelsSection({ models, running, eventTypes, canTrain }: { models: LoadedModels | null; running: JobView | null; eventTypes: string[]; canTrain: boolean }) {
  const last = models?.stored.settings.interactions;
  const weightOf = (t: string) => (last ? (last.weights[t] ?? 0) : (DEFAULT_INTERACTIONS.weights[t] ?? 0));
  const types = eventTypes.map((type) => ({ type, weight: weightOf(type) }));
  const train = (label: string) => (
    canTrain ? <div className="mt-4">
      <TrainButton label={label} runningId={running?.id ?? null} types={types} halfLifeDays={last?.halfLifeDays ?? null} />
    </div> : <p className="mt-4 text-sm text-slate-600">An analyst or admin can train the models.</p>
  );
  if (!models) {
    return (
      <Section title="Models">
        <EmptyState title="No models trained yet">
          Training learns from every customer&rsquo;s purchases, carts, views and ratings, and first tunes EASE, ALS and the blend on held-back data; about half a minute on the demo shop, with a progress bar.
        </EmptyState>
        {train("Train the models")}
      </Section>
    );
  }
  const s = models.stored;
  const names = models.trained;
  return (
    <Section title="Models" description={`Trained ${fmt.dateTime(models.trainedAt)} on ${fmt.integer(s.interactions)} customer–product pairs (${fmt.integer(s.users)} customers × ${fmt.integer(s.items)} products), events up to ${s.asOf}. Weights: ${Object.entries(s.settings.interactions.weights).map(([t, w]) => `${t} ${w}`).join(", ")}${s.settings.interactions.halfLifeDays ? `; half-life ${s.settings.interactions.halfLifeDays} days` : ""}.`}>
      {/* One child before the button in both layouts, so the button (and the run it follows) survives the refresh. */}
      <>
      <ul className="grid gap-2 text-sm sm:grid-cols-2 lg:grid-cols-3" data-testid="trained-models">
        {names.map((n) => (
          <li key={n} className="rounded border border-slate-200 p-2">
            <span className="font-medium">{n}</span> <span className="text-xs text-slate-500">fit in {(s.fitSeconds[n] ?? 0).toFixed(2)} s</span>
            <span className="block text-xs text-slate-600">{RECOMMENDERS[n]?.summary}</span>
            {s.tuned?.[n] ? (
              <span className="block text-xs text-slate-500" data-testid={`tuned-${n}`}>
                Chose {describeOptions(s.tuned[n]!.options)} of {s.tuned[n]!.tried.length} tried ({s.tuned[n]!.on}: {s.tuned[n]!.ndcg.toFixed(3)}).
              </span>
            ) : null}
          </li>
        ))}
      </ul>
      {Object.entries(s.skipped).length ? (
        <p className="mt-2 text-sm text-slate-600">
          Not trained: {Object.entries(s.skipped).map(([n, why]) => `${n} (${why})`).join("; ")}.
        </p>
      ) : null}
      </>
      {train("Train again")}
    </Section>
  );
}

function describeOptions(o: unknown): string {
  if (!o || typeof o !== "object") return String(o);
  const entries = Object.entries(o as Record<string, unknown>);
  return entries.map(([k, v]) => (v && typeof v === "object" ? `${k} ${describeOptions(v)}` : `${k === "lambda" ? "λ" : k} ${String(v)}`)).join(", ");
}
