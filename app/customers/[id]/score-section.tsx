import Link from "next/link";
import { Section } from "@/components/ui/page-header";
import type { CustomerScore } from "@/lib/services/scoring/serving";
import { TARGET_NOUN } from "@/lib/services/scoring/training-data";
import { MODEL_LABEL } from "../../campaigns/scoring/tables";

/** The latest response model's probability for this customer, and why, in words. */
export function ScoreSection({ score }: { score: CustomerScore | null }) {
  if (!score) {
    return (
      <Section title="Response score">
        <p className="text-sm text-slate-600">
          No response models are trained yet. <Link href="/campaigns/scoring" className="text-indigo-700 underline">Train them on the scoring page</Link> to see how likely this customer is to click or convert, and why.
        </p>
      </Section>
    );
  }
  const setup = [score.setup.channel, score.setup.adType, score.setup.adPosition].filter(Boolean).join(" · ");
  return (
    <Section title="Response score" description={`${MODEL_LABEL[score.model]} of run ${score.runId}, for a campaign set up as ${setup || "in training"}, as of ${score.asOf}.`}>
      <p className="text-sm" data-testid="customer-score">
        Chance of {TARGET_NOUN[score.target].one} per {score.target === "click" ? "impression" : "click"}: <span className="font-semibold">{(score.probability * 100).toFixed(1)}%</span>
      </p>
      <h3 className="mt-3 text-sm font-medium">Why this score</h3>
      {score.reasons.length ? (
        <ul className="mt-1 list-disc space-y-1 pl-5 text-sm" data-testid="score-reasons">
          {score.reasons.map((r) => (
            <li key={r.feature}>{r.text}</li>
          ))}
        </ul>
      ) : (
        <p className="mt-1 text-sm text-slate-600">Nothing about this customer moves the odds far from the average.</p>
      )}
    </Section>
  );
}
