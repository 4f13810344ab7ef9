// `map`'s input, streamed: a JSON array (an Okta list response) element by element, NDJSON
// line by line, or one JSON object, in batches of records (one batch per input chunk) so
// that memory never grows with the input. Each record is exactly what JSON.parse of its
// text gives; records are numbered from 1, as people count.
import { JsonArraySplitter, JsonArraySyntaxError } from "../json/array-splitter.js";
import { InputError } from "./failures.js";
import { countNewlines, describeByte, firstNonWhitespace, isBlank } from "./input-bytes.js";
import { type InputEncoding, RESAVE_AS_UTF8 } from "./input-encoding.js";
import { jsonErrorPosition } from "./json-error.js";
import { LineSplitter } from "./line-splitter.js";

/** One record of the input: its value, or why it could not be read. */
export type InputRecord =
  | { ok: true; number: number; line: number | undefined; value: unknown }
  | { ok: false; number: number; line: number | undefined; reason: string };

/** Options of {@link readRecordBatches}. */
export interface ReadRecordsOptions {
  /** Largest record read, in bytes; a larger one is reported, not read. */
  maxRecordBytes: number;
  /**
   * What `utf8Chunks` found (filled in by it before its first chunk): byte offsets in
   * messages then count a dropped byte-order mark, and say when they are of UTF-16 converted
   * to UTF-8. Default: UTF-8 without a mark.
   */
  encoding?: InputEncoding;
}

const OPEN_BRACKET = 0x5b;
const OPEN_BRACE = 0x7b;

function where(number: number, line: number | undefined): string {
  return line === undefined ? `record ${number}` : `record ${number} (line ${line})`;
}

/** Reads records from UTF-8 chunks; throws {@link InputError} when the input as a whole is unreadable. */
export async function* readRecordBatches(
  source: AsyncIterable<Uint8Array>,
  options: ReadRecordsOptions,
): AsyncGenerator<InputRecord[], void, undefined> {
  const max = options.maxRecordBytes;
  const encoding = options.encoding;
  // Offsets in messages are the file's bytes, unless it was UTF-16 (converted, then counted).
  const converted = () =>
    encoding !== undefined && encoding.name !== "UTF-8"
      ? ` of the input converted from ${encoding.name} to UTF-8`
      : "";
  // Fatal: bytes that are not UTF-8 mean the file is in another encoding, which is said once.
  const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
  let batch: InputRecord[] = [];
  let number = 0;

  // `record` is the number of the record being read (1-based), not of the last one read.
  function decode(bytes: Uint8Array, record: number, line: number | undefined): string {
    try {
      return decoder.decode(bytes);
    } catch {
      throw new InputError(
        `the input is not UTF-8: ${where(record, line)} has bytes that are not (the file may be Windows-1252 or Latin-1): ${RESAVE_AS_UTF8}`,
      );
    }
  }
  function tooLarge(byteLength: number): string {
    return `larger than the ${max} bytes a record may have (${byteLength} bytes): not read`;
  }

  // JSON arrays.
  function onElement(bytes: Uint8Array | undefined, _offset: number, byteLength: number): void {
    number++;
    if (bytes === undefined) {
      batch.push({ ok: false, number, line: undefined, reason: tooLarge(byteLength) });
      return;
    }
    const text = decode(bytes, number, undefined);
    try {
      batch.push({ ok: true, number, line: undefined, value: JSON.parse(text) });
    } catch (error) {
      batch.push({
        ok: false,
        number,
        line: undefined,
        reason: `not valid JSON ${jsonErrorPosition(error)}`.trimEnd(),
      });
    }
  }

  // NDJSON, or pretty-printed objects (one, or a sequence as `jq '.[]'` writes): the first
  // line decides. If it is not JSON on its own, the input is kept (up to the record limit)
  // and split as a sequence of values; once its first value is JSON, it is a sequence. If
  // that value is not JSON, or does not end within the limit, it is NDJSON whose first line
  // is bad, read again line by line.
  let decided = false;
  let whole: Uint8Array[] | undefined;
  let sequence: JsonArraySplitter | undefined;
  let committed = false;
  let fallback = false;
  function onValue(bytes: Uint8Array | undefined, offset: number, byteLength: number): void {
    if (committed) {
      onElement(bytes, offset, byteLength);
      return;
    }
    if (fallback) return;
    let value: unknown;
    try {
      value = JSON.parse(decoder.decode(bytes ?? new Uint8Array(0)));
    } catch {
      fallback = true;
      return;
    }
    committed = true;
    kept = [];
    keptLength = 0;
    number++;
    batch.push({ ok: true, number, line: undefined, value });
  }
  // Pushes to the sequence; a syntax error before the first value is read means NDJSON.
  function toSequence(run: (splitter: JsonArraySplitter) => void): void {
    try {
      run(sequence as JsonArraySplitter);
    } catch (error) {
      if (committed) throw sequenceError(error, number, converted());
      fallback = true;
    }
  }
  let firstLine = 1;
  function onLine(bytes: Uint8Array | undefined, line: number, byteLength: number): void {
    if (whole !== undefined) return;
    if (bytes === undefined) {
      number++;
      decided = true;
      batch.push({ ok: false, number, line, reason: tooLarge(byteLength) });
      return;
    }
    if (isBlank(bytes)) return;
    const text = decode(bytes, number + 1, line);
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      if (!decided) {
        whole = [];
        return;
      }
      number++;
      batch.push({
        ok: false,
        number,
        line,
        reason: `not valid JSON ${jsonErrorPosition(error)}`.trimEnd(),
      });
      return;
    }
    number++;
    decided = true;
    batch.push({ ok: true, number, line, value });
  }
  const newLines = (): LineSplitter => new LineSplitter(onLine, { maxLineBytes: max, firstLine });
  let lines: LineSplitter | undefined;
  let kept: Uint8Array[] = [];
  let keptLength = 0;
  function replayAsNdjson(): void {
    whole = undefined;
    sequence = undefined;
    fallback = false;
    decided = true;
    lines = newLines();
    for (const chunk of kept) lines.push(chunk);
    kept = [];
    keptLength = 0;
  }

  let array: JsonArraySplitter | undefined;
  // Bytes before the first non-whitespace one, a dropped byte-order mark included.
  let skipped = -1;
  for await (const chunk of source) {
    // A UTF-8 mark is the file's bytes; UTF-16's is not part of the converted text counted.
    if (skipped === -1) skipped = encoding?.name === "UTF-8" ? encoding.markBytes : 0;
    if (array === undefined && lines === undefined) {
      const start = firstNonWhitespace(chunk);
      if (start === -1) {
        skipped += chunk.length;
        firstLine += countNewlines(chunk);
        continue;
      }
      const byte = chunk[start];
      if (byte === OPEN_BRACKET) {
        array = new JsonArraySplitter(onElement, { maxElementBytes: max, startOffset: skipped });
      } else if (byte === OPEN_BRACE) {
        lines = newLines();
      } else {
        throw new InputError(
          `the input is neither a JSON array, a JSON object, nor NDJSON: it starts with ${describeByte(byte as number)} at byte ${skipped + start + 1}${converted()}`,
        );
      }
    }
    if (array !== undefined) {
      try {
        array.push(chunk);
      } catch (error) {
        if (batch.length > 0) yield batch;
        throw arrayError(error, number, converted());
      }
    } else if (lines !== undefined) {
      if (!committed && (!decided || whole !== undefined)) {
        kept.push(chunk);
        keptLength += chunk.length;
      }
      try {
        if (whole === undefined) lines.push(chunk);
        else if (sequence !== undefined) toSequence((splitter) => splitter.push(chunk));
        if (whole !== undefined && sequence === undefined) {
          const splitter = new JsonArraySplitter(onValue, {
            maxElementBytes: max,
            startOffset: skipped,
            sequence: true,
          });
          sequence = splitter;
          // The chunks so far (this one included) were seen by the line splitter only.
          for (const part of kept) if (!fallback) toSequence(() => splitter.push(part));
        }
        if (!committed && whole !== undefined && (fallback || keptLength > max)) replayAsNdjson();
      } catch (error) {
        // The records read before the one that broke the input are mapped, as for arrays.
        if (batch.length > 0) yield batch;
        throw error;
      }
      // A first line longer than a record may be cannot be one object either: stop keeping.
      if (!decided && whole === undefined && keptLength > max) decided = true;
      if (decided && whole === undefined) {
        kept = [];
        keptLength = 0;
      }
    }
    if (batch.length > 0) {
      yield batch;
      batch = [];
    }
  }
  if (array !== undefined) {
    try {
      array.end();
    } catch (error) {
      throw arrayError(error, number, converted());
    }
  } else if (lines !== undefined) {
    try {
      if (sequence !== undefined) {
        toSequence((splitter) => splitter.end());
        // No first value that is JSON (cut short, not JSON, not UTF-8): NDJSON whose first
        // line is bad, read line by line so that each fault is reported on its own line.
        if (!committed) replayAsNdjson();
      }
      if (!committed) lines.end();
    } catch (error) {
      if (batch.length > 0) yield batch;
      throw error;
    }
  }
  if (batch.length > 0) yield batch;
}

function sequenceError(error: unknown, records: number, converted: string): unknown {
  if (!(error instanceof JsonArraySyntaxError)) return error;
  return new InputError(
    `the input is not a well-formed sequence of JSON values: ${error.message}${converted}` +
      (records > 0 ? ` (after record ${records}; the records before were mapped)` : ""),
  );
}

function arrayError(error: unknown, records: number, converted: string): unknown {
  if (!(error instanceof JsonArraySyntaxError)) return error;
  return new InputError(
    `the input is not a well-formed JSON array: ${error.message}${converted}` +
      (records > 0 ? ` (after record ${records}; the records before were mapped)` : ""),
  );
}
