import { type ReactNode } from 'react';
import type { TemplatePublishProblem } from '../api/types';
import { FIELD_TYPES, type FieldRow, KEYS_OF, listText, PROFILE_FIELDS, type Source, SOURCES, textList } from './manifest-fields';

export function PathProblems({ problems, path }: { problems: TemplatePublishProblem[]; path: string }) {
  const mine = problems.filter((p) => p.path === path);
  if (mine.length === 0) return null;
  return <p className="field-error">{mine.map((p) => p.message).join(' ')}</p>;
}

export function SpecEditor({ id, label, help, value, onChange, problems }: { id: string; label: string; help: string; value: string; onChange: (v: string) => void; problems: TemplatePublishProblem[] }) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <textarea id={id} className="code-editor" rows={12} value={value} spellCheck={false} onChange={(e) => onChange(e.target.value)} aria-describedby={`${id}-help`} />
      <p id={`${id}-help`} className="help">
        {help}
      </p>
      {problems.length > 0 && (
        <ul className="field-error">
          {problems.map((p, i) => (
            <li key={i}>
              <code>{p.path}</code> {p.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** The field manifest as a table: one row per variable, its source, type and rules. */
export function ManifestTable({ fields, setFields, rowProblems }: { fields: FieldRow[]; setFields: (f: FieldRow[] | ((f: FieldRow[]) => FieldRow[])) => void; rowProblems: (i: number) => string[] }) {
  const update = (i: number, patch: Partial<FieldRow>) => setFields((all) => all.map((f, j) => (j === i ? { ...f, ...patch } : f)));
  const setSource = (i: number, source: Source) =>
    setFields((all) =>
      all.map((f, j) => {
        if (j !== i) return f;
        const kept = Object.fromEntries(Object.entries(f).filter(([k]) => KEYS_OF[source].includes(k)));
        const text = (v: unknown, fallback: string) => (typeof v === 'string' ? v : fallback);
        return { ...kept, source, ...(source === 'partner' ? { profile: text(kept.profile, 'name') } : { type: text(f.type, 'text') }), ...(source === 'locked' ? { value: text(f.value, text(f.default, '')) } : {}) };
      }),
    );
  const move = (i: number, by: -1 | 1) =>
    setFields((all) => {
      const next = [...all];
      const [item] = next.splice(i, 1);
      next.splice(i + by, 0, item!);
      return next;
    });
  return (
    <>
      {fields.length === 0 && <p className="empty">No fields. Add one for every variable the template uses.</p>}
      {fields.length > 0 && (
        <div className="table-wrap">
          <table className="manifest-table">
            <caption className="visually-hidden">Manifest fields</caption>
            <thead>
              <tr>
                <th scope="col">Key</th>
                <th scope="col">Source</th>
                <th scope="col">Type</th>
                <th scope="col">Label</th>
                <th scope="col">Value or default</th>
                <th scope="col">Rules</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {fields.map((f, i) => {
                const n = i + 1;
                const source: Source = f.source ?? 'editable';
                const problems = rowProblems(i);
                const str = (k: string) => (typeof f[k] === 'string' || typeof f[k] === 'number' ? String(f[k]) : '');
                return (
                  <FragmentRows key={i} problems={problems} index={i}>
                    <tr className={problems.length ? 'has-error' : undefined} data-testid={`manifest-row-${i}`}>
                      <td>
                        <input id={`mf-${i}-key`} aria-label={`Key of field ${n}`} value={str('key')} onChange={(e) => update(i, { key: e.target.value })} className="mono" size={14} aria-invalid={problems.length ? true : undefined} aria-describedby={problems.length ? `mf-${i}-problems` : undefined} />
                      </td>
                      <td>
                        <select aria-label={`Source of field ${n}`} value={source} onChange={(e) => setSource(i, e.target.value as Source)}>
                          {SOURCES.map((s) => (
                            <option key={s} value={s}>
                              {s}
                            </option>
                          ))}
                        </select>
                      </td>
                      <td>
                        {source === 'partner' ? (
                          <select aria-label={`Profile field of field ${n}`} value={str('profile')} onChange={(e) => update(i, { profile: e.target.value })}>
                            {PROFILE_FIELDS.map((p) => (
                              <option key={p} value={p}>
                                profile: {p}
                              </option>
                            ))}
                          </select>
                        ) : (
                          <select aria-label={`Type of field ${n}`} value={str('type') || 'text'} onChange={(e) => update(i, { type: e.target.value })}>
                            {FIELD_TYPES.map((t) => (
                              <option key={t} value={t}>
                                {t}
                              </option>
                            ))}
                          </select>
                        )}
                      </td>
                      <td>
                        <input aria-label={`Label of field ${n}`} value={str('label')} onChange={(e) => update(i, { label: e.target.value || undefined })} size={14} />
                      </td>
                      <td>
                        {source === 'locked' && <input aria-label={`Locked value of field ${n} (text, or asset:<id>)`} value={str('value')} onChange={(e) => update(i, { value: e.target.value })} placeholder="value or asset:<id>" size={18} />}
                        {source === 'partner' && <input aria-label={`Fallback of field ${n} when the profile has no value`} value={str('fallback')} onChange={(e) => update(i, { fallback: e.target.value || undefined })} placeholder="fallback (optional)" size={18} />}
                        {source === 'editable' && <input aria-label={`Default of field ${n}`} value={str('default')} onChange={(e) => update(i, { default: e.target.value || undefined })} placeholder="default" size={18} />}
                      </td>
                      <td>
                        {source === 'editable' ? (
                          <div className="rule-inputs">
                            <label className="check">
                              <input type="checkbox" checked={f.required === true} onChange={(e) => update(i, { required: e.target.checked || undefined })} /> required
                            </label>
                            <label className="check">
                              <input type="checkbox" checked={f.mustChange === true} onChange={(e) => update(i, { mustChange: e.target.checked || undefined })} /> must change
                            </label>
                            <label>
                              max length{' '}
                              <input type="number" min={1} inputMode="numeric" className="narrow" value={str('maxLength')} onChange={(e) => update(i, { maxLength: e.target.value ? Number(e.target.value) : undefined })} />
                            </label>
                            {(f.type === 'text' || f.type === 'multiline' || f.type === undefined) && (
                              <label>
                                pattern <input className="mono" value={str('pattern')} onChange={(e) => update(i, { pattern: e.target.value || undefined })} size={12} />
                              </label>
                            )}
                            {f.type === 'choice' && (
                              <label>
                                options <input value={listText(f.options)} onChange={(e) => update(i, { options: textList(e.target.value) })} placeholder="a, b, c" size={16} />
                              </label>
                            )}
                            {(f.type === 'url' || f.type === 'image') && (
                              <label>
                                allowed domains <input value={listText(f.allowedDomains)} onChange={(e) => update(i, { allowedDomains: textList(e.target.value) })} placeholder="acme-cloud.example" size={16} />
                              </label>
                            )}
                          </div>
                        ) : (
                          <span className="muted">{source === 'locked' ? 'Nobody can change it' : 'From the profile'}</span>
                        )}
                      </td>
                      <td className="row-actions">
                        <button type="button" className="button small secondary" onClick={() => move(i, -1)} disabled={i === 0} aria-label={`Move field ${n} up`}>
                          ↑
                        </button>
                        <button type="button" className="button small secondary" onClick={() => move(i, 1)} disabled={i === fields.length - 1} aria-label={`Move field ${n} down`}>
                          ↓
                        </button>
                        <button type="button" className="button small danger" onClick={() => setFields((all) => all.filter((_, j) => j !== i))} aria-label={`Remove field ${n}${f.key ? ` (${String(f.key)})` : ''}`}>
                          Remove
                        </button>
                      </td>
                    </tr>
                  </FragmentRows>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <button type="button" className="button secondary" onClick={() => setFields((all) => [...all, { key: '', source: 'editable', type: 'text' }])} data-testid="add-manifest-field">
        Add field
      </button>
    </>
  );
}

function FragmentRows({ children, problems, index }: { children: ReactNode; problems: string[]; index: number }) {
  return (
    <>
      {children}
      {problems.length > 0 && (
        <tr className="row-problems">
          <td colSpan={7} id={`mf-${index}-problems`} className="field-error">
            {problems.join(' · ')}
          </td>
        </tr>
      )}
    </>
  );
}
