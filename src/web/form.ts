/** Accessible form fields: every input has a label, errors are linked with aria-describedby. */
import type { FieldIssue } from '../domain/errors.ts';
import { html, type SafeHtml } from './html.ts';

export interface FormState {
  values: Record<string, string>;
  issues: readonly FieldIssue[];
}

export const emptyForm = (values: Record<string, string> = {}): FormState => ({
  values,
  issues: [],
});

/** Turns a parsed form body into plain strings to re-fill the form (arrays and objects dropped). */
export function formValues(body: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (body && typeof body === 'object') {
    for (const [k, v] of Object.entries(body))
      if (typeof v === 'string' && k !== '_csrf') out[k] = v;
  }
  return out;
}

function issueFor(state: FormState, name: string) {
  return state.issues.find((i) => i.field === name);
}

export function errorSummary(state: FormState, message?: string): SafeHtml | '' {
  if (!state.issues.length && !message) return '';
  return html`<div class="alert" role="alert">
    <strong>${message ?? '提交的内容有误，请修改后重新提交：'}</strong> ${
      state.issues.length
        ? html`<ul>
            ${state.issues.map((i) => html`<li><a href="#f-${i.field}">${i.label}：${i.message}</a></li>`)}
          </ul>`
        : ''
    }
  </div>`;
}

interface FieldOpts {
  type?: 'text' | 'password' | 'email' | 'url' | 'date';
  required?: boolean;
  hint?: string;
  autocomplete?: string;
  maxlength?: number;
}

export function field(state: FormState, name: string, label: string, o: FieldOpts = {}): SafeHtml {
  const issue = issueFor(state, name);
  const described = [o.hint ? `h-${name}` : '', issue ? `e-${name}` : ''].filter(Boolean).join(' ');
  return html`<div class="field${issue ? ' invalid' : ''}">
    <label for="f-${name}"
      >${label}${o.required ? html`<span aria-hidden="true"> *</span>` : ''}</label
    >
    ${o.hint ? html`<span class="hint" id="h-${name}">${o.hint}</span>` : ''}
    ${issue ? html`<span class="error" id="e-${name}">${issue.message}</span>` : ''}
    <input
      type="${o.type ?? 'text'}"
      id="f-${name}"
      name="${name}"
      value="${o.type === 'password' ? '' : (state.values[name] ?? '')}"
      ${o.required ? html`required` : ''}
      ${o.maxlength ? html`maxlength="${o.maxlength}"` : ''}
      ${o.autocomplete ? html`autocomplete="${o.autocomplete}"` : ''}
      ${described ? html`aria-describedby="${described}"` : ''}
      ${issue ? html`aria-invalid="true"` : ''}
    />
  </div>`;
}

export function select(
  state: FormState,
  name: string,
  label: string,
  options: readonly (readonly [string, string])[],
  o: { required?: boolean; hint?: string } = {},
): SafeHtml {
  const issue = issueFor(state, name);
  const current = state.values[name] ?? '';
  const described = [o.hint ? `h-${name}` : '', issue ? `e-${name}` : ''].filter(Boolean).join(' ');
  return html`<div class="field${issue ? ' invalid' : ''}">
    <label for="f-${name}"
      >${label}${o.required ? html`<span aria-hidden="true"> *</span>` : ''}</label
    >
    ${o.hint ? html`<span class="hint" id="h-${name}">${o.hint}</span>` : ''}
    ${issue ? html`<span class="error" id="e-${name}">${issue.message}</span>` : ''}
    <select
      id="f-${name}"
      name="${name}"
      ${o.required ? html`aria-required="true"` : ''}
      ${described ? html`aria-describedby="${described}"` : ''}
      ${issue ? html`aria-invalid="true"` : ''}
    >
      ${options.map(([value, text]) => html`<option value="${value}" ${value === current ? html`selected` : ''}>${text}</option>`)}
    </select>
  </div>`;
}

export const csrfField = (token: string) =>
  html`<input type="hidden" name="_csrf" value="${token}" />`;

export function textarea(
  state: FormState,
  name: string,
  label: string,
  o: { hint?: string; rows?: number; maxlength?: number } = {},
): SafeHtml {
  const issue = state.issues.find((i) => i.field === name);
  const described = [o.hint ? `h-${name}` : '', issue ? `e-${name}` : ''].filter(Boolean).join(' ');
  return html`<div class="field${issue ? ' invalid' : ''}">
    <label for="f-${name}">${label}</label>
    ${o.hint ? html`<span class="hint" id="h-${name}">${o.hint}</span>` : ''}
    ${issue ? html`<span class="error" id="e-${name}">${issue.message}</span>` : ''}
    <textarea
      id="f-${name}"
      name="${name}"
      rows="${o.rows ?? 8}"
      ${o.maxlength ? html`maxlength="${o.maxlength}"` : ''}
      ${described ? html`aria-describedby="${described}"` : ''}
      ${issue ? html`aria-invalid="true"` : ''}
    >
${state.values[name] ?? ''}</textarea>
  </div>`;
}
