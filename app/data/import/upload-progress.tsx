"use client";

import { Button } from "@/components/ui/button";
import { ProgressBar } from "@/components/ui/progress-bar";
import { formatBytes } from "./job-text";

/** A file on its way to /api/imports/uploads (see upload-file.ts). */
export interface Sending {
  name: string;
  size: number;
  fraction: number;
  abort: () => void;
}

/** How much of the file has been sent, and a way to stop. */
export function UploadProgress({ sending }: { sending: Sending }) {
  return (
    <div className="mt-4 space-y-2">
      <ProgressBar label="Upload progress" fraction={sending.fraction}>
        <span>
          Uploading {sending.name}: {formatBytes(sending.size * sending.fraction)} of {formatBytes(sending.size)}
        </span>
        <span>{Math.round(sending.fraction * 100)}%</span>
      </ProgressBar>
      <Button variant="secondary" onClick={sending.abort}>
        Cancel upload
      </Button>
    </div>
  );
}
