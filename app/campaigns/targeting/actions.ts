"use server";
// Saving a targeting audience as a segment: the page's own settings are sent again and the audience is
// rebuilt on the server, so what is saved is what the models give, not a list the browser could alter.
import { z } from "zod";
import { createAction } from "@/lib/action";
import { saveAudienceSegment } from "@/lib/db/segments";
import { UserError } from "@/lib/errors";
import { buildTargeting, TargetingRequest } from "@/lib/services/scoring/targeting";

export const saveAudienceAction = createAction({
  name: "saveAudience",
  permission: "segments:write",
  input: z.object({ name: z.string().trim().min(1, "give the audience a name").max(120), request: TargetingRequest }),
  revalidate: ["/segments"],
  audit: (_input, data: { id: number; memberCount: number } | null) => ({ target: data ? `segment ${data.id}` : null, detail: data ? { members: data.memberCount } : undefined }),
  run: async ({ name, request }) => {
    const t = await buildTargeting(request);
    if (!t) throw new UserError("No click model is trained yet: train one on the scoring page first.", "conflict");
    if (t.audienceIds.length === 0) throw new UserError("The audience is empty: raise the budget or the size, or lower the threshold.");
    const s = t.setup;
    const description = `Audience of ${t.audienceIds.length} customers from scoring run ${t.runId} (${t.model}) for ${[s.channel, s.adType, s.adPosition].filter(Boolean).join(" · ") || "the training set-up"}, chosen by ${request.by}.`;
    const saved = await saveAudienceSegment(name, description, t.audienceIds);
    return { id: saved.id, memberCount: saved.memberCount };
  },
});
