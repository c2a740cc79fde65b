import type { ReactNode } from 'react';
import { ClaimTimeline, type TimelineStep } from './mdf';
import { Field, formatMoney, parseMoney } from './ui';

/** Controls and page parts several pages share: money fields, status filters, the status aside. */

/**
 * An amount typed in major units ("4,200.00") beside its currency. The page keeps the text; `onChange`
 * also hands over the amount in integer minor units (undefined while it is not an amount). The help and
 * the error are tied to the input with `aria-describedby` (`<id>-help`, `<id>-error`).
 */
export function MoneyInput({
  id,
  label,
  currency,
  value,
  onChange,
  help,
  error,
  echo = false,
  testId,
}: {
  id: string;
  label: ReactNode;
  currency: string;
  value: string;
  onChange: (text: string, cents: number | undefined) => void;
  help?: ReactNode;
  error?: string | null;
  /** Repeat the amount as read ("$4,200.00.") before the help, so a misplaced separator shows. */
  echo?: boolean;
  testId?: string;
}) {
  const cents = parseMoney(value);
  const shown = echo && cents !== undefined && cents > 0 ? (
    <>
      {formatMoney(cents, currency)}. {help}
    </>
  ) : (
    help
  );
  return (
    <Field id={id} label={label} help={shown} error={error}>
      {(describedBy, invalid) => (
        <div className="money-input">
          <span aria-hidden="true">{currency}</span>
          <input
            id={id}
            inputMode="decimal"
            autoComplete="off"
            value={value}
            onChange={(e) => onChange(e.target.value, parseMoney(e.target.value))}
            aria-invalid={invalid}
            aria-describedby={describedBy}
            data-testid={testId}
          />
        </div>
      )}
    </Field>
  );
}

/** A list's status filter: "All" or one status, each under the words people use for it. */
export function StatusFilter<S extends string>({
  id,
  value,
  onChange,
  statuses,
  labels,
  label = 'Status',
  testId,
}: {
  id: string;
  value: S | '';
  onChange: (status: S | '') => void;
  statuses: readonly S[];
  labels: Record<S, string>;
  label?: string;
  testId?: string;
}) {
  return (
    <>
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value as S | '')} data-testid={testId}>
        <option value="">All</option>
        {statuses.map((s) => (
          <option key={s} value={s}>
            {labels[s]}
          </option>
        ))}
      </select>
    </>
  );
}

/**
 * The side column of a record's page: where it stands as a timeline, anything that belongs with it
 * (`note`), then what can be done next (`children`, such as a decision).
 */
export function StatusAside({
  headingId,
  steps,
  timelineLabel,
  label = 'Status',
  note,
  children,
}: {
  headingId: string;
  steps: TimelineStep[];
  timelineLabel: string;
  label?: string;
  note?: ReactNode;
  children?: ReactNode;
}) {
  return (
    <aside className="claim-side" aria-label={label}>
      <section className="card" aria-labelledby={headingId}>
        <h2 id={headingId}>Status</h2>
        <ClaimTimeline steps={steps} label={timelineLabel} />
        {note}
      </section>
      {children}
    </aside>
  );
}
