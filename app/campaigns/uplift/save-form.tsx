"use client";

import { SaveAudienceForm } from "@/components/save-audience-form";
import { savePersuadablesAction } from "./actions";

export function SavePersuadablesForm({ runId, size }: { runId: number; size: number }) {
  return <SaveAudienceForm size={size} label="Save the persuadables" save={(name) => savePersuadablesAction({ runId, name })} />;
}
