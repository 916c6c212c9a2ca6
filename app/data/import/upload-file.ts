// Sends a file to /api/imports/uploads as the raw request body. XMLHttpRequest rather than fetch because
// only XHR reports upload progress in browsers today.
import type { FileAnalysis } from "@/lib/services/import/analyse";
import type { UploadMeta } from "@/lib/services/import/uploads";

export interface Uploaded {
  upload: UploadMeta;
  analysis: FileAnalysis;
}

export type UploadOutcome = { ok: true; data: Uploaded } | { ok: false; message: string; aborted?: boolean };

export function uploadFile(file: File, onProgress: (fraction: number) => void): { done: Promise<UploadOutcome>; abort: () => void } {
  const xhr = new XMLHttpRequest();
  const done = new Promise<UploadOutcome>((resolve) => {
    xhr.open("POST", `/api/imports/uploads?name=${encodeURIComponent(file.name)}`);
    xhr.setRequestHeader("Content-Type", "application/octet-stream");
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(e.loaded / e.total);
    };
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        // Not JSON (a proxy's error page): the status line below says enough.
      }
      if (xhr.status === 201 && body && typeof body === "object" && "analysis" in body) return resolve({ ok: true, data: body as Uploaded });
      // Failures come as `{ code, message, fieldErrors? }` (lib/http/route.ts), like a failed action.
      const message = body && typeof body === "object" && "message" in body && typeof body.message === "string" ? body.message : null;
      resolve({ ok: false, message: message ?? `The upload failed (the server answered ${xhr.status} ${xhr.statusText}).` });
    };
    xhr.onerror = () => resolve({ ok: false, message: "The upload failed: the connection to the server was lost. Check it and try again." });
    xhr.onabort = () => resolve({ ok: false, message: "Upload cancelled.", aborted: true });
    xhr.send(file);
  });
  return { done, abort: () => xhr.abort() };
}
