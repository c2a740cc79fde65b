import type { EditableField } from './api/types';

/**
 * One editable field of a template with its constraints shown before they are broken: the partner's
 * kit page and a vendor's launch on a partner's behalf fill the same fields the same way.
 */
export function EditableInput({ id, testId, field, value, problem, onChange }: { id: string; testId: string; field: EditableField; value: string; problem?: string; onChange: (v: string) => void }) {
  const rules: string[] = [];
  if (field.required) rules.push('Required');
  if (field.maxLength) rules.push(`${value.length}/${field.maxLength} characters`);
  if (field.pattern) rules.push(field.patternMessage ?? `Must match ${field.pattern}`);
  if (field.allowedDomains?.length) rules.push(`Links to ${field.allowedDomains.join(', ')} only`);
  if (field.mustChange) rules.push('Replace the placeholder text');
  if (field.type === 'colour') rules.push('A colour from the brand palette, as #rrggbb');
  const describedBy = [field.help ? `${id}-help` : '', rules.length ? `${id}-rules` : '', problem ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  const common = {
    id,
    value,
    'aria-invalid': problem ? true : undefined,
    'aria-describedby': describedBy,
    'aria-required': field.required || undefined,
    'data-testid': testId,
  } as const;
  let input;
  switch (field.type) {
    case 'multiline':
      input = <textarea {...common} rows={4} maxLength={field.maxLength} onChange={(e) => onChange(e.target.value)} />;
      break;
    case 'choice':
      input = (
        <select {...common} onChange={(e) => onChange(e.target.value)}>
          {!field.required && <option value="">(none)</option>}
          {(field.options ?? []).map((o) => (
            <option key={o} value={o}>
              {o}
            </option>
          ))}
        </select>
      );
      break;
    case 'url':
    case 'image':
      input = <input {...common} type="url" inputMode="url" maxLength={field.maxLength} onChange={(e) => onChange(e.target.value)} />;
      break;
    case 'date':
      input = <input {...common} type="date" onChange={(e) => onChange(e.target.value)} />;
      break;
    case 'colour':
    case 'text':
      input = <input {...common} type="text" maxLength={field.maxLength} pattern={field.pattern} onChange={(e) => onChange(e.target.value)} />;
      break;
  }
  return (
    <div className={`field${problem ? ' has-error' : ''}`}>
      <label htmlFor={id}>{field.label ?? field.key}</label>
      {input}
      {field.help && (
        <p id={`${id}-help`} className="help">
          {field.help}
        </p>
      )}
      {rules.length > 0 && (
        <p id={`${id}-rules`} className="rules">
          {rules.join(' · ')}
        </p>
      )}
      {problem && (
        <p id={`${id}-error`} className="field-error">
          {problem}
        </p>
      )}
    </div>
  );
}

/** The edits the API gets: only values that differ from the field's default. */
export function editsOf(fields: EditableField[], values: Record<string, string> | undefined): Record<string, string> {
  const edits: Record<string, string> = {};
  for (const f of fields) {
    const value = values?.[f.key];
    if (value !== undefined && value !== (f.default ?? '')) edits[f.key] = value;
  }
  return edits;
}
