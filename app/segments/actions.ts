"use server";
// Clustering from the segments page: starting a run (a background job the page follows) and naming
// clusters. The result is kept, so the page reads it back instead of recomputing.
import { z } from "zod";
import { createAction } from "@/lib/action";
import { CLUSTERS_JOB } from "@/lib/services/jobs/job-kinds";
import { enqueueJob } from "@/lib/services/jobs/runner";
import { ClusterRequest, renameCluster } from "@/lib/services/segments/clusters";

export const findClustersAction = createAction({
  name: "findClusters",
  permission: "models:train",
  // The same schema the job's stored parameters are read with; the page chooses k and features only.
  input: ClusterRequest.pick({ k: true }).extend({ features: ClusterRequest.shape.features.default(["recencyDays", "frequency", "monetary"]) }),
  audit: ({ k, features }) => ({ detail: { k: String(k), features } }),
  run: async ({ k, features }) => {
    return { runId: await enqueueJob(CLUSTERS_JOB, { k, features: [...new Set(features)], transform: "log1p-zscore", seed: 42 }) };
  },
});

export const renameClusterAction = createAction({
  name: "renameCluster",
  permission: "segments:write",
  input: z.object({ runId: z.number().int().positive(), cluster: z.number().int().min(0), name: z.string().max(80, "keep names under 80 characters") }),
  revalidate: ["/segments"],
  run: async ({ runId, cluster, name }) => {
    await renameCluster(runId, cluster, name);
    return { name: name.trim() };
  },
});
