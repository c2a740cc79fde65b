import { FieldProblem, isUuid } from '@app/core';
import { nextLocalTime, outsideQuietHours, parseTimeOfDay, QuietHours, Weekday, WEEKDAYS } from '@app/core';

export const MAX_STEPS = 50;
export const MAX_WAIT_DAYS = 365;
export const BRANCH_EVENTS = ['opened', 'clicked', 'not_engaged'] as const;
export type BranchEvent = (typeof BRANCH_EVENTS)[number];
export const EXIT_CRITERIA = ['replied', 'converted', 'deal_registered'] as const;
/** Criteria a sequence may switch off; suppressions (unsubscribe, bounce, complaint) always end it. */
export type ExitCriterion = (typeof EXIT_CRITERIA)[number];

/** Send an email; `templateVersionId` is set when the sequence is published (the template's published version then). */
export interface EmailStep {
  type: 'email';
  templateId: string;
  templateVersionId?: string;
}

/** Wait a duration, or until a local time of day (on some weekdays) in the recipient's time zone. */
export interface WaitStep {
  type: 'wait';
  days?: number;
  hours?: number;
  minutes?: number;
  until?: { time: string; weekdays?: Weekday[] };
}

/** Go to `then` when the recipient engaged with the email of step `on.step` as `on.event` says, else to `else`. */
export interface BranchStep {
  type: 'branch';
  on: { step: number; event: BranchEvent };
  then: number;
  else: number;
}

export interface ExitStep {
  type: 'exit';
}

export type SequenceStep = EmailStep | WaitStep | BranchStep | ExitStep;

const isInt = (v: unknown, min: number, max: number): v is number => typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;

/**
 * Checks steps as the vendor wrote them and returns them in canonical form, or the problems, each
 * naming its field (`steps[2].then`). Branches only jump forward, so every enrolment ends.
 */
export function parseSteps(input: unknown): { steps: SequenceStep[]; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const problem = (field: string, text: string) => problems.push({ field, problems: [text] });
  if (!Array.isArray(input)) return { steps: [], problems: [{ field: 'steps', problems: ['must be an array'] }] };
  if (input.length === 0) problem('steps', 'must have at least one step');
  if (input.length > MAX_STEPS) problem('steps', `must have at most ${MAX_STEPS} steps`);
  const raw = input.slice(0, MAX_STEPS) as unknown[];
  const steps: SequenceStep[] = [];
  raw.forEach((value, i) => {
    const f = `steps[${i}]`;
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      problem(f, 'must be an object');
      steps.push({ type: 'exit' });
      return;
    }
    const s = value as Record<string, unknown>;
    const allowed = (keys: string[]) => {
      for (const key of Object.keys(s)) if (!['type', ...keys].includes(key)) problem(`${f}.${key}`, 'is not a property of this step type');
    };
    switch (s.type) {
      case 'email': {
        allowed(['templateId']);
        if (!isUuid(s.templateId)) problem(`${f}.templateId`, 'must be a template id (UUID)');
        steps.push({ type: 'email', templateId: String(s.templateId).toLowerCase() });
        return;
      }
      case 'wait': {
        allowed(['days', 'hours', 'minutes', 'until']);
        const step: WaitStep = { type: 'wait' };
        const hasDuration = s.days !== undefined || s.hours !== undefined || s.minutes !== undefined;
        if (hasDuration === (s.until !== undefined)) problem(f, 'must have either a duration (days, hours, minutes) or until');
        for (const [key, max] of [['days', MAX_WAIT_DAYS], ['hours', 24 * MAX_WAIT_DAYS], ['minutes', 24 * 60 * MAX_WAIT_DAYS]] as const) {
          if (s[key] === undefined) continue;
          if (!isInt(s[key], 0, max)) problem(`${f}.${key}`, `must be a whole number from 0 to ${max}`);
          else step[key] = s[key];
        }
        if (hasDuration && waitMinutes(step) === 0) problem(f, 'must wait at least one minute');
        if (s.until !== undefined) {
          const until = s.until as Record<string, unknown> | null;
          if (typeof until !== 'object' || until === null) {
            problem(`${f}.until`, 'must be an object with time (HH:MM) and optional weekdays');
          } else {
            for (const key of Object.keys(until)) if (!['time', 'weekdays'].includes(key)) problem(`${f}.until.${key}`, 'is not a property of until');
            if (parseTimeOfDay(until.time) === undefined) problem(`${f}.until.time`, 'must be a local time HH:MM (00:00 to 23:59)');
            const weekdays = until.weekdays;
            if (weekdays !== undefined && (!Array.isArray(weekdays) || weekdays.some((d) => !(WEEKDAYS as readonly unknown[]).includes(d)))) {
              problem(`${f}.until.weekdays`, `must be a list of ${WEEKDAYS.join(', ')}`);
            }
            step.until = { time: String(until.time) };
            if (Array.isArray(weekdays) && weekdays.length > 0) {
              step.until.weekdays = WEEKDAYS.filter((d) => (weekdays as unknown[]).includes(d));
            }
          }
        }
        steps.push(step);
        return;
      }
      case 'branch': {
        allowed(['on', 'then', 'else']);
        const on = s.on as Record<string, unknown> | null;
        const last = raw.length - 1;
        let target = -1;
        if (typeof on !== 'object' || on === null) {
          problem(`${f}.on`, 'must be an object with step and event');
        } else {
          if (!isInt(on.step, 0, i - 1) || (raw[on.step] as { type?: unknown } | undefined)?.type !== 'email') {
            problem(`${f}.on.step`, 'must be the index of an earlier email step');
          } else target = on.step;
          if (!(BRANCH_EVENTS as readonly unknown[]).includes(on.event)) problem(`${f}.on.event`, `must be one of ${BRANCH_EVENTS.join(', ')}`);
        }
        for (const key of ['then', 'else'] as const) {
          if (!isInt(s[key], i + 1, last)) problem(`${f}.${key}`, i + 1 > last ? 'a branch cannot be the last step' : `must be a later step index (${i + 1} to ${last})`);
        }
        steps.push({ type: 'branch', on: { step: target, event: (on?.event ?? 'clicked') as BranchEvent }, then: Number(s.then), else: Number(s.else) });
        return;
      }
      case 'exit':
        allowed([]);
        steps.push({ type: 'exit' });
        return;
      default:
        problem(`${f}.type`, 'must be one of email, wait, branch, exit');
        steps.push({ type: 'exit' });
    }
  });
  return { steps, problems };
}

export function parseQuietHours(input: unknown): { quietHours: QuietHours | null; problems: FieldProblem[] } {
  if (input === null || input === undefined) return { quietHours: null, problems: [] };
  const q = input as Record<string, unknown>;
  const problems: FieldProblem[] = [];
  if (typeof input !== 'object') return { quietHours: null, problems: [{ field: 'quietHours', problems: ['must be an object with start and end (HH:MM)'] }] };
  for (const key of ['start', 'end'] as const) {
    if (parseTimeOfDay(q[key]) === undefined) problems.push({ field: `quietHours.${key}`, problems: ['must be a local time HH:MM (00:00 to 23:59)'] });
  }
  if (problems.length === 0 && q.start === q.end) problems.push({ field: 'quietHours.end', problems: ['must differ from start'] });
  return { quietHours: problems.length ? null : { start: String(q.start), end: String(q.end) }, problems };
}

export function waitMinutes(step: WaitStep): number {
  return (step.days ?? 0) * 1440 + (step.hours ?? 0) * 60 + (step.minutes ?? 0);
}

/** When a wait that starts at `from` ends for a recipient in the zone. */
export function waitEnds(step: WaitStep, from: Date, timeZone: string): Date {
  if (step.until) return nextLocalTime(from, parseTimeOfDay(step.until.time) ?? 0, timeZone, step.until.weekdays ?? []);
  return new Date(from.getTime() + waitMinutes(step) * 60_000);
}

/** When an email step scheduled at `at` may go out: after the sequence's quiet hours, local to the recipient. */
export function emailDueAt(at: Date, quietHours: QuietHours | null, timeZone: string): Date {
  return outsideQuietHours(at, quietHours, timeZone);
}

/** Whether a recipient's engagement with an earlier email satisfies a branch. Clicks are the filtered ones. */
export function branchTaken(event: BranchEvent, engagement: { opened: boolean; clicked: boolean } | undefined): boolean {
  const opened = engagement?.opened ?? false;
  const clicked = engagement?.clicked ?? false;
  switch (event) {
    case 'opened':
      // A click implies the email was opened, even when the open pixel was blocked.
      return opened || clicked;
    case 'clicked':
      return clicked;
    case 'not_engaged':
      return !opened && !clicked;
  }
}

/** What the tick does next for one enrolment. */
export type StepOutcome =
  | { kind: 'email'; stepIndex: number; step: EmailStep; dueAt: Date; nextIndex: number }
  | { kind: 'wait'; nextIndex: number; until: Date }
  | { kind: 'done'; reason: 'completed' | 'exit_step' };

/**
 * Runs an enrolment's steps from `index`, scheduled at `at`, until an email (sent, then the next
 * step runs when it is due), a wait that has not elapsed by `now`, or the end. Branches ask
 * `engaged(stepIndex)` about the enrolment's email of that step.
 */
export function runSteps(
  steps: readonly SequenceStep[],
  index: number,
  at: Date,
  now: Date,
  context: { timeZone: string; quietHours: QuietHours | null; engaged: (stepIndex: number) => { opened: boolean; clicked: boolean } | undefined },
): StepOutcome {
  let i = index;
  let scheduled = at;
  // Branches jump forward only, so this loop visits each step at most once.
  for (let guard = 0; guard <= steps.length; guard++) {
    const step = steps[i];
    if (!step) return { kind: 'done', reason: 'completed' };
    switch (step.type) {
      case 'email': {
        const dueAt = emailDueAt(scheduled.getTime() < now.getTime() ? now : scheduled, context.quietHours, context.timeZone);
        return { kind: 'email', stepIndex: i, step, dueAt, nextIndex: i + 1 };
      }
      case 'wait': {
        const until = waitEnds(step, scheduled, context.timeZone);
        if (until.getTime() > now.getTime()) return { kind: 'wait', nextIndex: i + 1, until };
        scheduled = until;
        i += 1;
        break;
      }
      case 'branch':
        i = branchTaken(step.on.event, context.engaged(step.on.step)) ? step.then : step.else;
        break;
      case 'exit':
        return { kind: 'done', reason: 'exit_step' };
    }
  }
  return { kind: 'done', reason: 'completed' };
}
