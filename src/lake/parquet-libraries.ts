import type * as Arrow from "apache-arrow";
import type * as ParquetWasm from "parquet-wasm";

/** The two Parquet libraries: apache-arrow (building the table) and parquet-wasm (encoding it). */
export interface ParquetLibraries {
  readonly arrow: typeof Arrow;
  readonly parquet: typeof ParquetWasm;
}

let loaded: Promise<ParquetLibraries> | undefined;

/**
 * Loads the libraries on first use, not when the module is imported: a program that bundles
 * this entry (the command line does) pays for parquet-wasm's 5 MB WebAssembly only when it
 * writes a file.
 */
export function loadParquetLibraries(): Promise<ParquetLibraries> {
  loaded ??= Promise.all([import("apache-arrow"), import("parquet-wasm")]).then(
    ([arrow, parquet]) => ({ arrow, parquet }),
  );
  return loaded;
}
