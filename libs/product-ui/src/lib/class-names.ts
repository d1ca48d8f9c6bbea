/** Joins the truthy class names (no dependency for a one-liner). */
export function classNames(...names: Array<string | false | null | undefined>): string {
  return names.filter(Boolean).join(' ');
}
