import type { Table } from "apache-arrow";
import type { ParquetLibraries } from "./parquet-libraries.js";

/** Security Lake's limit for a Parquet data page: 1 MiB. */
export const MAX_PAGE_BYTES = 1024 * 1024;
/** Security Lake's limit for a row group: 256 MiB; the writer stays well under it. */
export const MAX_ROW_GROUP_BYTES = 128 * 1024 * 1024;

/**
 * Encodes an Arrow table as one Parquet file (format v2, zstd, pages ≤ 1 MiB, row groups ≤
 * 128 MiB) with parquet-wasm, the Rust `parquet` crate compiled to WebAssembly.
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
    .setWriterVersion(WriterVersion.V2)
    .setCompression(Compression.ZSTD)
    .setDataPageSizeLimit(MAX_PAGE_BYTES)
    .setDictionaryPageSizeLimit(MAX_PAGE_BYTES)
    .setMaxRowGroupBytes(MAX_ROW_GROUP_BYTES)
    .setCreatedBy(createdBy)
    .build();
  // writeParquet takes ownership of (and frees) the table and the properties.
  return parquet.writeParquet(input, properties);
}
