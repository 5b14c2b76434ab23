/**
 * A form field's text. `FormData.get` answers a string, a File (for file inputs) or null; only a
 * string is text — anything else reads as empty instead of "[object File]".
 */
export function formText(data: FormData, name: string): string {
  const value = data.get(name);
  return typeof value === 'string' ? value : '';
}
