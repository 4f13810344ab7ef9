/**
 * Finds the `rel="next"` target in `Link` header values. Okta sends `self` and `next` as
 * two `Link` headers, which `Headers.get` joins with ", ".
 */
export function findNextLink(linkHeader: string | null): string | undefined {
  if (linkHeader === null) return undefined;
  const pattern = /<([^>]*)>((?:\s*;\s*[^;,]+(?:=(?:"[^"]*"|[^;,]*))?)*)/g;
  for (const match of linkHeader.matchAll(pattern)) {
    const params = match[2] ?? "";
    const rel = /;\s*rel\s*=\s*(?:"([^"]*)"|([^;,\s]+))/i.exec(params);
    const relations = (rel?.[1] ?? rel?.[2] ?? "").toLowerCase().split(/\s+/);
    if (relations.includes("next")) return match[1];
  }
  return undefined;
}
