"use client";
// The one way a page follows a background job: polls /api/jobs/{id} until it ends, then calls onFinished
// once (pages refresh their server data there).
import { useQuery } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import type { JobView } from "@/lib/services/jobs/job-view";

const POLL_MS = 400;

async function fetchJob(jobId: number): Promise<JobView> {
  const res = await fetch(`/api/jobs/${jobId}`, { cache: "no-store" });
  const body = (await res.json().catch(() => null)) as (JobView & { message?: string }) | null;
  if (!res.ok || !body) throw new Error(body?.message ?? `The server answered ${res.status}.`);
  return body;
}

export function useJob(jobId: number, onFinished?: (job: JobView) => void) {
  const query = useQuery({
    queryKey: ["job", jobId],
    queryFn: () => fetchJob(jobId),
    refetchInterval: (q) => (q.state.data?.isFinished ? false : POLL_MS),
    refetchIntervalInBackground: true,
  });
  const job = query.data;
  // The latest callback, read when the job ends: an effect keyed on it would run again on every render.
  const finishedRef = useRef(onFinished);
  useEffect(() => {
    finishedRef.current = onFinished;
  }, [onFinished]);
  // Once per job: `job` is a new object on every poll.
  const reported = useRef<number | null>(null);
  useEffect(() => {
    if (!job?.isFinished || reported.current === job.id) return;
    reported.current = job.id;
    finishedRef.current?.(job);
  }, [job]);
  return { job, error: query.isError ? query.error : null };
}
