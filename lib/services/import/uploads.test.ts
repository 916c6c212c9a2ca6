import { existsSync } from "node:fs";
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { readUploadMeta, saveUpload, uploadPath } from "./uploads";

describe("uploads", () => {
  it("stores a file with its cleaned name and size", async () => {
    const meta = await saveUpload(Readable.from([Buffer.from("id,email\nC1,a@b.co\n")]), null, "../../etc/My Shop\u0000.csv");
    expect(meta).toMatchObject({ fileName: "My Shop.csv", bytes: 19 });
    expect(await readUploadMeta(meta.uploadId)).toEqual(meta);
  });

  it("refuses a picture from its first bytes and keeps nothing", async () => {
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(600, 1)]);
    await expect(saveUpload(Readable.from([png]), null, "logo.csv")).rejects.toThrow(/PNG|image/i);
  });

  it("refuses empty files, unknown upload ids and files over the limit", async () => {
    await expect(saveUpload(Readable.from([Buffer.alloc(0)]), null, "empty.csv")).rejects.toThrow("The file is empty.");
    expect(() => uploadPath("../marketlens.db")).toThrow("Unknown upload; upload the file again.");
    await expect(saveUpload(Readable.from([]), 1024 ** 4, "huge.csv")).rejects.toThrow(/larger than the 1024 MB upload limit/);
    expect(existsSync(uploadPath("00000000-0000-0000-0000-000000000000"))).toBe(false);
  });
});
