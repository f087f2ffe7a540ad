/**
 * Server-rendered HTML with template literals: every interpolated value is escaped unless it
 * is already `SafeHtml` (the output of another `html` template). See docs/adr/0003.
 */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ESCAPES[c] as string);
}

type Value = SafeHtml | string | number | null | undefined | false | readonly Value[];

function render(v: Value): string {
  if (v === null || v === undefined || v === false) return '';
  if (v instanceof SafeHtml) return v.value;
  if (Array.isArray(v)) return v.map(render).join('');
  return escapeHtml(String(v));
}

export function html(strings: TemplateStringsArray, ...values: Value[]): SafeHtml {
  let out = strings[0] as string;
  for (let i = 0; i < values.length; i++)
    out += render(values[i] as Value) + (strings[i + 1] as string);
  return new SafeHtml(out);
}

/** Marks trusted markup (never user input) as safe. */
export const raw = (s: string) => new SafeHtml(s);
