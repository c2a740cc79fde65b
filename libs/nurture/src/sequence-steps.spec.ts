import { branchTaken, parseSteps, runSteps, SequenceStep } from './sequence-steps';

const T = '6f1c1f36-3c57-4d0c-9a57-3f7d8f0c0a11';

describe('sequence steps', () => {
  it('accepts a well-formed sequence and names every bad field', () => {
    expect(parseSteps([{ type: 'email', templateId: T }, { type: 'wait', days: 2 }, { type: 'branch', on: { step: 0, event: 'clicked' }, then: 3, else: 4 }, { type: 'exit' }, { type: 'email', templateId: T }]).problems).toEqual([]);
    const { problems } = parseSteps([
      { type: 'wait', days: 1, until: { time: '09:00' } },
      { type: 'email', templateId: 'nope' },
      { type: 'branch', on: { step: 0, event: 'clicked' }, then: 1, else: 9 },
      { type: 'wait', until: { time: '25:00', weekdays: ['someday'] } },
      { type: 'teleport' },
    ]);
    expect(problems.map((p) => p.field)).toEqual(['steps[0]', 'steps[1].templateId', 'steps[2].on.step', 'steps[2].then', 'steps[2].else', 'steps[3].until.time', 'steps[3].until.weekdays', 'steps[4].type']);
  });

  it('counts only real engagement: a click implies an open; not engaged means neither', () => {
    expect(branchTaken('clicked', { opened: true, clicked: false })).toBe(false);
    expect(branchTaken('opened', { opened: false, clicked: true })).toBe(true);
    expect(branchTaken('not_engaged', undefined)).toBe(true);
    expect(branchTaken('not_engaged', { opened: true, clicked: false })).toBe(false);
  });

  const steps: SequenceStep[] = [
    { type: 'email', templateId: T },
    { type: 'wait', days: 2 },
    { type: 'branch', on: { step: 0, event: 'clicked' }, then: 3, else: 4 },
    { type: 'exit' },
    { type: 'email', templateId: T },
  ];
  const context = (clicked: boolean) => ({ timeZone: 'UTC', quietHours: null, engaged: () => ({ opened: clicked, clicked }) });

  it('runs through elapsed waits and branches to the email the engagement decides', () => {
    const at = new Date('2026-11-02T09:00:00Z');
    const later = new Date('2026-11-04T09:00:30Z');
    expect(runSteps(steps, 1, at, later, context(false))).toMatchObject({ kind: 'email', stepIndex: 4, nextIndex: 5 });
    expect(runSteps(steps, 1, at, later, context(true))).toEqual({ kind: 'done', reason: 'exit_step' });
    expect(runSteps(steps, 1, at, new Date('2026-11-03T09:00:00Z'), context(true))).toEqual({ kind: 'wait', nextIndex: 2, until: new Date('2026-11-04T09:00:00Z') });
    expect(runSteps(steps, 5, at, later, context(true))).toEqual({ kind: 'done', reason: 'completed' });
  });

  it('delays an email that falls in quiet hours to their end in the recipient’s zone', () => {
    const out = runSteps([{ type: 'email', templateId: T }], 0, new Date('2026-11-03T02:00:00Z'), new Date('2026-11-03T02:00:00Z'), { timeZone: 'America/Chicago', quietHours: { start: '20:00', end: '08:00' }, engaged: () => undefined });
    expect(out).toMatchObject({ kind: 'email', dueAt: new Date('2026-11-03T14:00:00Z') });
  });
});
