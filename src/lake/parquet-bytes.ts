import type { Table } from "apache-arrow";
import type { ParquetLibraries } from "./parquet-libraries.js";

/** Security Lake's limit for a Parquet data page: 1 MiB. */
export const MAX_PAGE_BYTES = 1024 * 1024;
/** Security Lake's limit for a row group: 256 MiB; the writer stays well under it. */
export const MAX_ROW_GROUP_BYTES = 128 * 1024 * 1024;

/**
 * Encodes an Arrow table as one Parquet file (zstd, pages ≤ 1 MiB, row groups ≤ 128 MiB) with
 * parquet-wasm, the Rust `parquet` crate compiled to WebAssembly.
 *
 * Version 1 data pages with plain encoding, no dictionaries: every Parquet reader takes them,
 * and on 20,000 of this library's events they were both the smallest file (4.26 MB against
 * 4.65 MB for v2 pages with dictionaries) and the cheapest to encode (about 17% less CPU);
 * zstd already removes the repetition a dictionary would.
 */
export function parquetBytes(
  { arrow, parquet }: ParquetLibraries,
  table: Table,
  createdBy: string,
): Uint8Array {
  const { Compression, WriterPropertiesBuilder, WriterVersion } = parquet;
  const ipc = arrow.tableToIPC(table, "stream");
  const input = parquet.Table.fromIPCStream(ipc);
  const properties = new WriterPropertiesBuilder()
    .setWriterVersion(WriterVersion.V1)
    .setDictionaryEnabled(false)
    .setCompression(Compression.ZSTD)
    .setDataPageSizeLimit(MAX_PAGE_BYTES)
    .setDictionaryPageSizeLimit(MAX_PAGE_BYTES)
    .setMaxRowGroupBytes(MAX_ROW_GROUP_BYTES)
    .setCreatedBy(createdBy)
    .build();
  // writeParquet takes ownership of (and frees) the table and the properties.
  return parquet.writeParquet(input, properties);
}
