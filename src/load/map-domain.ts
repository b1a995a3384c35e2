/** Maps a domain (or file stem) through the optional domain map; keys the map does not own are kept. */
export function mapDomain(domain: string, domainMap: Record<string, string> | undefined): string {
  if (!domainMap || !Object.prototype.hasOwnProperty.call(domainMap, domain)) return domain;
  return domainMap[domain] ?? domain;
}
