import { type Table, tableToIPC } from "apache-arrow";
import {
  Compression,
  Table as ParquetTable,
  WriterPropertiesBuilder,
  WriterVersion,
  writeParquet,
} from "parquet-wasm";

/** Security Lake's limit for a Parquet data page: 1 MiB. */
export const MAX_PAGE_BYTES = 1024 * 1024;
/** Security Lake's limit for a row group: 256 MiB; the writer stays well under it. */
export const MAX_ROW_GROUP_BYTES = 128 * 1024 * 1024;

/**
 * Encodes an Arrow table as one Parquet file (format v2, zstd, pages ≤ 1 MiB, row groups ≤
 * 128 MiB) with parquet-wasm, the Rust `parquet` crate compiled to WebAssembly.
 */
export function parquetBytes(table: Table, createdBy: string): Uint8Array {
  const ipc = tableToIPC(table, "stream");
  const input = ParquetTable.fromIPCStream(ipc);
  const properties = new WriterPropertiesBuilder()
    .setWriterVersion(WriterVersion.V2)
    .setCompression(Compression.ZSTD)
    .setDataPageSizeLimit(MAX_PAGE_BYTES)
    .setDictionaryPageSizeLimit(MAX_PAGE_BYTES)
    .setMaxRowGroupBytes(MAX_ROW_GROUP_BYTES)
    .setCreatedBy(createdBy)
    .build();
  // writeParquet takes ownership of (and frees) the table and the properties.
  return writeParquet(input, properties);
}
