"use server";
// Clustering from the segments page: starting a run (a background job the page follows) and naming
// clusters. The result is kept, so the page reads it back instead of recomputing.
import { z } from "zod";
import { createAction } from "@/lib/action";
import { isFeatureId, type FeatureId } from "@/lib/ml/customer-features";
import { CLUSTERS_JOB } from "@/lib/services/jobs/job-kinds";
import { enqueueJob } from "@/lib/services/jobs/runner";
import { renameCluster } from "@/lib/services/segments/clusters";

const featureId = z.string().refine(isFeatureId, { message: "is not a feature" }).transform((s) => s as FeatureId);

export const findClustersAction = createAction({
  name: "findClusters",
  input: z.object({
    k: z.union([z.literal("auto"), z.number().int().min(2).max(10)]),
    features: z.array(featureId).min(1, "choose at least one feature").max(20, "choose at most 20 features").default(["recencyDays", "frequency", "monetary"]),
  }),
  run: async ({ k, features }) => {
    return { runId: await enqueueJob(CLUSTERS_JOB, { k, features: [...new Set(features)], transform: "log1p-zscore", seed: 42 }) };
  },
});

export const renameClusterAction = createAction({
  name: "renameCluster",
  input: z.object({ runId: z.number().int().positive(), cluster: z.number().int().min(0), name: z.string().max(80, "keep names under 80 characters") }),
  revalidate: ["/segments"],
  run: async ({ runId, cluster, name }) => {
    await renameCluster(runId, cluster, name);
    return { name: name.trim() };
  },
});
