import type { UrlKnowledge } from './knowledge.js';

/**
 * The host of a plain-HTTP URL that leaves the machine or its local network, or undefined when
 * the text is not such a URL (https, a local or documentation host, an XML namespace, a URL whose
 * host is only known at run time such as `http://${host}`, a DTD or XML schema system id).
 */
export function remoteHttpHost(text: string, k: UrlKnowledge): string | undefined {
  const m = /^\s*http:\/\/([^/\s?#'"`]*)/i.exec(text);
  if (!m) return undefined;
  let authority = m[1]!;
  if (authority.includes('${') || authority.includes('{{') || authority.includes('$(') || authority.length === 0) return undefined;
  authority = authority.slice(authority.lastIndexOf('@') + 1);
  let host = authority.startsWith('[') ? authority.slice(0, authority.indexOf(']') + 1) : authority.replace(/:\d*$/, '');
  host = host.toLowerCase().replace(/\.$/, '');
  if (!host || !/^[a-z0-9.\-[\]:_]+$/.test(host)) return undefined;
  if (isLocal(host, k)) return undefined;
  // a DTD or schema system id names a document type; parsers do not fetch it over the wire
  const path = text.trim().replace(/[?#].*$/, '').toLowerCase();
  if (k.identifierSuffixes.some((s) => path.endsWith(s))) return undefined;
  return host;
}

function isLocal(host: string, k: UrlKnowledge): boolean {
  if (k.localHosts.includes(host)) return true;
  if (k.localPatterns.some((p) => p.test(host))) return true;
  // A single-label name is a container or service on the local network (http://api:3000).
  if (!host.includes('.') && !host.includes(':')) return true;
  if (k.localSuffixes.some((s) => host.endsWith(s))) return true;
  if (k.documentationDomains.some((d) => host === d || host.endsWith(`.${d}`))) return true;
  if (k.identifierHosts.includes(host)) return true;
  return false;
}

export function isIgnoredFile(relPath: string, k: UrlKnowledge): boolean {
  return k.ignoreFiles.some((p) => p.test(relPath));
}
