// Failures of the command line that are not a record's and not Okta's: each has its own
// exit code (src/cli/exit-codes.ts) and a message that says what to do.

/** The input as a whole cannot be read as devices (encoding, not JSON, an array cut short): exit 65. */
export class InputError extends Error {
  override readonly name = "InputError";
}

/** An I/O error on this machine (a file that cannot be read or written, a full disk): exit 74. */
export class LocalIoError extends Error {
  override readonly name = "LocalIoError";
  /** The errno code, e.g. `ENOENT`, `EACCES`, `ENOSPC`, `EROFS`. */
  readonly code: string | undefined;
  constructor(what: string, path: string, cause: unknown) {
    const code = (cause as NodeJS.ErrnoException | undefined)?.code;
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(
      `cannot ${what} ${path}: ${code === undefined ? reason : `${code} (${describeErrno(code)})`}`,
    );
    this.code = code;
  }
}

const ERRNO = new Map<string, string>([
  ["ENOENT", "no such file or directory"],
  ["EACCES", "permission denied"],
  ["EPERM", "operation not permitted"],
  ["EROFS", "read-only file system"],
  ["ENOSPC", "no space left on device"],
  ["EDQUOT", "disk quota exceeded"],
  ["EISDIR", "is a directory"],
  ["ENOTDIR", "a part of the path is not a directory"],
  ["EMFILE", "too many open files"],
  ["EIO", "input/output error"],
  ["EFBIG", "file too large"],
]);

function describeErrno(code: string): string {
  return ERRNO.get(code) ?? "system error";
}
