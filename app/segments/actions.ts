"use server";
// Finding clusters from the segments page. Runs in the request (a few seconds at 100,000 customers) and
// keeps the result, so the page reads it back instead of recomputing.
import { z } from "zod";
import { createAction } from "@/lib/action";
import { FEATURES } from "@/lib/ml/customer-features";
import { runAndSaveClusters } from "@/lib/services/segments/clusters";

export const findClustersAction = createAction({
  name: "findClusters",
  input: z.object({
    k: z.union([z.literal("auto"), z.number().int().min(2).max(20)]),
    features: z.array(z.enum(FEATURES)).min(1, "choose at least one feature").default(["recencyDays", "frequency", "monetary"]),
  }),
  revalidate: ["/segments"],
  run: async ({ k, features }) => {
    const { runId, result } = await runAndSaveClusters({ k, features, transform: "log1p-zscore", seed: 42 });
    return { runId, k: result.k, seconds: result.seconds };
  },
});
