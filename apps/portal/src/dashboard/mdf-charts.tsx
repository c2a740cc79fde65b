import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { DashboardMdf } from '../api/types';
import { formatMoney } from '../ui';
import { CHART_COLOURS, ChartCard, compactMoney, num, percent, type TableColumn } from './chart-card';

type Figures = DashboardMdf['programs'][number] | DashboardMdf['topPartners'][number];

/** The parts an allocation splits into, bottom of the stack first; they add up to the allocation. */
const SEGMENTS = [
  { key: 'paid', label: 'Paid', fill: CHART_COLOURS.green },
  { key: 'approved', label: 'Approved, not paid', fill: CHART_COLOURS.teal },
  { key: 'reserved', label: 'Reserved', fill: CHART_COLOURS.amber },
  { key: 'available', label: 'Available', fill: CHART_COLOURS.light },
  { key: 'expired', label: 'Expired', fill: CHART_COLOURS.red },
] as const;

function segments(f: Figures) {
  return {
    paid: f.paidCents,
    approved: Math.max(0, f.settledCents - f.paidCents),
    reserved: f.reservedCents,
    available: Math.max(0, f.availableCents),
    expired: f.expiredCents,
  };
}

const moneyColumns = <T extends Figures>(first: TableColumn<T>): TableColumn<T>[] => [
  first,
  { label: 'Allocated', value: (r) => formatMoney(r.allocatedCents, r.currency), numeric: true },
  { label: 'Reserved', value: (r) => formatMoney(r.reservedCents, r.currency), numeric: true },
  { label: 'Approved', value: (r) => formatMoney(r.settledCents, r.currency), numeric: true },
  { label: 'Paid', value: (r) => formatMoney(r.paidCents, r.currency), numeric: true },
  { label: 'Available', value: (r) => formatMoney(r.availableCents, r.currency), numeric: true },
  { label: 'Utilisation', value: (r) => percent(r.utilisationRate), numeric: true },
];

function StackedFunds({ data, currency, vertical }: { data: (ReturnType<typeof segments> & { name: string })[]; currency: string; vertical?: boolean }) {
  const money = (v: unknown) => formatMoney(Number(v), currency);
  return (
    <ResponsiveContainer width="100%" height={vertical ? Math.max(200, 48 + data.length * 36) : 280}>
      <BarChart data={data} layout={vertical ? 'vertical' : 'horizontal'} margin={{ top: 8, right: 16, bottom: 8, left: vertical ? 8 : 0 }} accessibilityLayer={false}>
        <CartesianGrid strokeDasharray="3 3" vertical={!!vertical} horizontal={!vertical} />
        {vertical ? (
          <>
            <XAxis type="number" tickFormatter={(v: number) => compactMoney(v, currency)} />
            <YAxis type="category" dataKey="name" width={120} tick={{ fontSize: 12 }} />
          </>
        ) : (
          <>
            <XAxis dataKey="name" tick={{ fontSize: 12 }} />
            <YAxis tickFormatter={(v: number) => compactMoney(v, currency)} width={64} />
          </>
        )}
        <Tooltip formatter={money} />
        <Legend itemSorter={null} />
        {SEGMENTS.map((s) => (
          <Bar key={s.key} dataKey={s.key} name={s.label} stackId="funds" fill={s.fill} stroke="#ffffff" strokeWidth={1} isAnimationActive={false} />
        ))}
      </BarChart>
    </ResponsiveContainer>
  );
}

/** Allocated funds per program, split into paid, approved, reserved, available and expired. */
export function MdfUtilisationChart({ mdf }: { mdf: DashboardMdf }) {
  const programs = mdf.programs;
  const first = programs[0];
  const summary = first
    ? programs.map((p) => `${p.name}: ${percent(p.utilisationRate)} of ${formatMoney(p.allocatedCents, p.currency)} used, ${formatMoney(p.paidCents, p.currency)} paid`).join('; ') + '.'
    : 'No MDF program runs in this period.';
  return (
    <ChartCard
      name="mdf-utilisation"
      title="MDF utilisation by program"
      summary={summary}
      rows={programs}
      columns={moneyColumns<DashboardMdf['programs'][number]>({ label: 'Program', value: (r) => r.name })}
      empty={first ? undefined : 'No MDF program runs in this period.'}
    >
      {first && <StackedFunds data={programs.map((p) => ({ name: p.name, ...segments(p) }))} currency={first.currency} />}
    </ChartCard>
  );
}

/** The partners that used the most funds, with the same split. */
export function MdfPartnersChart({ mdf }: { mdf: DashboardMdf }) {
  const partners = mdf.topPartners;
  const top = partners[0];
  const used = (p: Figures) => p.reservedCents + p.settledCents;
  const summary = top
    ? `${partners.length} partner${partners.length === 1 ? '' : 's'} shown. ${top.partnerName} used the most: ${formatMoney(used(top), top.currency)} of ${formatMoney(top.allocatedCents, top.currency)} (${percent(top.utilisationRate)}).`
    : 'No partner has MDF funds in this period.';
  return (
    <ChartCard
      name="mdf-partners"
      title="MDF utilisation, top partners"
      summary={summary}
      rows={partners}
      columns={moneyColumns<DashboardMdf['topPartners'][number]>({ label: 'Partner', value: (r) => r.partnerName })}
      empty={top ? undefined : 'No partner has MDF funds in this period.'}
    >
      {top && <StackedFunds data={partners.map((p) => ({ name: p.partnerName, ...segments(p) }))} currency={top.currency} vertical />}
    </ChartCard>
  );
}

/** Pipeline and won revenue of the deals linked to claims, per MDF dollar approved. */
export function MdfReturnChart({ mdf }: { mdf: DashboardMdf }) {
  const rows = [...mdf.programs.map((p) => ({ ...p, name: p.name, kind: 'Program' })), ...mdf.topPartners.map((p) => ({ ...p, name: p.partnerName, kind: 'Partner' }))];
  const drawn = rows
    .filter((r) => r.settledCents > 0)
    .map((r) => ({ name: r.name, pipeline: round2(r.pipelineCents / r.settledCents), won: round2(r.wonCents / r.settledCents) }));
  const best = [...rows].filter((r) => r.kind === 'Partner' && r.returnPerMdfDollar !== null).sort((a, b) => (b.returnPerMdfDollar ?? 0) - (a.returnPerMdfDollar ?? 0))[0];
  const programLine = mdf.programs
    .map((p) => (p.returnPerMdfDollar === null ? `${p.name}: nothing approved yet` : `${p.name}: ${num(p.returnPerMdfDollar)} in pipeline and won revenue per MDF dollar`))
    .join('; ');
  const summary = drawn.length === 0 ? 'No claim has been approved yet, so there is no return to show.' : `${programLine}.${best ? ` Best partner: ${best.name} at ${num(best.returnPerMdfDollar!)}.` : ''}`;
  return (
    <ChartCard
      name="mdf-return"
      title="MDF return per dollar"
      summary={summary}
      rows={rows}
      columns={[
        { label: 'Program or partner', value: (r) => `${r.name} (${r.kind.toLowerCase()})` },
        { label: 'Approved', value: (r) => formatMoney(r.settledCents, r.currency), numeric: true },
        { label: 'Open pipeline', value: (r) => formatMoney(r.pipelineCents, r.currency), numeric: true },
        { label: 'Won', value: (r) => formatMoney(r.wonCents, r.currency), numeric: true },
        { label: 'Per MDF dollar', value: (r) => (r.returnPerMdfDollar === null ? '—' : num(r.returnPerMdfDollar)), numeric: true },
      ]}
      empty={drawn.length === 0 ? 'No claim has been approved yet, so there is no return to show.' : undefined}
    >
      <ResponsiveContainer width="100%" height={Math.max(200, 48 + drawn.length * 36)}>
        <BarChart data={drawn} layout="vertical" margin={{ top: 8, right: 16, bottom: 8, left: 8 }} accessibilityLayer={false}>
          <CartesianGrid strokeDasharray="3 3" horizontal={false} />
          <XAxis type="number" tickFormatter={(v: number) => `${num(v)}×`} />
          <YAxis type="category" dataKey="name" width={120} tick={{ fontSize: 12 }} />
          <Tooltip formatter={(v) => `${num(Number(v))} per MDF dollar`} />
          <Legend itemSorter={null} />
          <Bar dataKey="won" name="Won revenue" stackId="return" fill={CHART_COLOURS.green} isAnimationActive={false} />
          <Bar dataKey="pipeline" name="Open pipeline" stackId="return" fill={CHART_COLOURS.primary} isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </ChartCard>
  );
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}

/** The three MDF charts, stacked on phones and side by side where there is room. */
export function MdfCharts({ mdf }: { mdf: DashboardMdf }) {
  return (
    <div className="chart-grid">
      <MdfUtilisationChart mdf={mdf} />
      <MdfReturnChart mdf={mdf} />
      <MdfPartnersChart mdf={mdf} />
    </div>
  );
}
