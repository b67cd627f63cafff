import { unzipSync, zipSync } from 'fflate';

/**
 * Store-only (uncompressed) zips through `fflate`. MediaPipe reads `.task` bundles only
 * when every entry is stored: a deflated entry fails with "Expected uncompressed zip
 * archive".
 */

export interface ZipEntry {
  name: string;
  data: Uint8Array;
}

/** A fixed time (the DOS epoch, 1980-01-01) so builds are byte-for-byte reproducible. */
const FIXED_MTIME = new Date(1980, 0, 1);
/** Deflate level 0: fflate writes the entry stored (method 0). */
const STORED = 0;

export function storeZip(entries: readonly ZipEntry[]): Uint8Array {
  return zipSync(
    Object.fromEntries(
      entries.map((e) => [e.name, [e.data, { level: STORED, mtime: FIXED_MTIME }]] as const),
    ),
  );
}

export interface ReadZipEntry {
  name: string;
  /** The entry's compression method (0 = stored, 8 = deflated). */
  method: number;
  data: Uint8Array;
}

/** Reads a zip's entries (for tests and self-checks). */
export function readZip(zip: Uint8Array): ReadZipEntry[] {
  const methods = new Map<string, number>();
  const files = unzipSync(zip, {
    filter: (file) => {
      methods.set(file.name, file.compression);
      return true;
    },
  });
  return Object.entries(files).map(([name, data]) => ({
    name,
    method: methods.get(name) ?? -1,
    data,
  }));
}
