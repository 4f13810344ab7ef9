import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";

/** Runs one query on a fresh in-memory DuckDB and returns its rows as JSON-safe objects (BIGINT as strings). */
export async function duckdb(sql: string): Promise<Record<string, unknown>[]> {
  const instance = await DuckDBInstance.create(":memory:");
  const connection = await instance.connect();
  try {
    const reader = await connection.runAndReadAll(sql);
    return reader.getRowObjectsJson() as Record<string, unknown>[];
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

/** A path quoted as a DuckDB string literal. */
export function literal(path: string): string {
  return `'${path.replaceAll("'", "''")}'`;
}

/** The paths of the `.parquet` files anywhere under `dir` (none when it does not exist). */
export function parquetFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((file) => file.endsWith(".parquet"))
    .map((file) => join(dir, file));
}
