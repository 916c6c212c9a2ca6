"use client";

import { SaveAudienceForm as SaveForm } from "@/components/save-audience-form";
import type { TargetingRequest } from "@/lib/services/scoring/targeting";
import { saveAudienceAction } from "./actions";

/** Saves the audience shown (rebuilt on the server from the same request) as a segment. */
export function SaveAudienceForm({ request, size }: { request: TargetingRequest; size: number }) {
  return <SaveForm size={size} save={(name) => saveAudienceAction({ name, request })} />;
}
