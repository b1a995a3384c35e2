/** Lists a record's keys for an error message: `keys "id", "text"` (at most 8 shown), or `an object with no keys`. */
export function describeRecordKeys(record: Record<string, unknown>, maximumShown = 8): string {
  const keys = Object.keys(record);
  if (keys.length === 0) return 'an object with no keys';
  const shown = keys.slice(0, maximumShown).map((key) => JSON.stringify(key)).join(', ');
  const more = keys.length > maximumShown ? ` and ${keys.length - maximumShown} more` : '';
  return `${keys.length === 1 ? 'key' : 'keys'} ${shown}${more}`;
}
