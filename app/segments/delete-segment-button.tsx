"use client";

import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { Button } from "@/components/ui/button";
import { deleteSegmentAction } from "./rule-actions";

export function DeleteSegmentButton({ id, name }: { id: number; name: string }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  return (
    <Button
      variant="danger"
      disabled={pending}
      aria-label={`Delete segment ${name}`}
      onClick={() =>
        start(async () => {
          if (!window.confirm(`Delete the segment “${name}”? Its customers are not affected.`)) return;
          await deleteSegmentAction({ id });
          router.refresh();
        })
      }
    >
      Delete
    </Button>
  );
}
