/**
 * The comparison key of a case-insensitive attribute (userName, displayName, emails.value):
 * NFKC-normalised, then lower-cased without locale rules, so `ÅSA`, `åsa` and `Åsa` share one key
 * and a unique index on the key enforces RFC 7643's caseExact=false uniqueness.
 */
export const caseKey = (value: string): string => value.normalize('NFKC').toLowerCase();
