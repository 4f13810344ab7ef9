import { randomBytes } from "node:crypto";
import { mkdir, open, rename, rm } from "node:fs/promises";
import { dirname, join } from "node:path";

/**
 * Writes `bytes` to `target` so that the file appears complete or not at all: the bytes go
 * to a temporary file in `tempDir` (outside the tree a sync uploads, on the same file
 * system), are flushed to disk when `durable` (so that a power loss cannot leave an empty
 * file behind the rename; it costs a disk flush a file), and the file is renamed into place. The temporary file is
 * removed when anything fails. Folders in `made` are taken as existing.
 */
export async function writeFileAtomically(
  target: string,
  bytes: Uint8Array,
  tempDir: string,
  made: Set<string> = new Set(),
  durable = false,
): Promise<void> {
  // `made`: folders already created by this writer, so each costs one mkdir, not one a file.
  for (const folder of [tempDir, dirname(target)]) {
    if (made.has(folder)) continue;
    await mkdir(folder, { recursive: true });
    made.add(folder);
  }
  const temp = join(tempDir, `${randomBytes(8).toString("hex")}.parquet.tmp`);
  try {
    const handle = await open(temp, "wx");
    try {
      await handle.writeFile(bytes);
      if (durable) await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, target);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}
