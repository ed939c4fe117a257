/** Times as the viewer's locale writes them; "never" for none. */
export function formatTime(iso: string | null | undefined, none = 'never'): string {
  if (!iso) return none;
  return new Date(iso).toLocaleString();
}
