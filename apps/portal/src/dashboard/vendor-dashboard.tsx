import { useState } from 'react';
import { Bar, BarChart, CartesianGrid, LabelList, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { api, call } from '../api/client';
import type { Dashboard } from '../api/types';
import { Async, Loading, useLoad } from '../ui';
import { CHART_COLOURS, ChartCard, num, percent, weekLabel } from './chart-card';
import { MdfCharts } from './mdf-charts';

const RANGES = [4, 12, 26, 52] as const;
const GATE_DAYS = 45;

/** The first day of the range: the Monday `weeks − 1` weeks before this week's (UTC), as the API counts. */
function rangeStart(weeks: number, now = new Date()): string {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const monday = today - ((new Date(today).getUTCDay() + 6) % 7) * 86_400_000;
  return new Date(monday - (weeks - 1) * 7 * 86_400_000).toISOString().slice(0, 10);
}

/** The vendor's charts: adoption, clicks and leads, the funnel, MDF, time to first deal, active partners. */
export default function VendorDashboard() {
  const [weeks, setWeeks] = useState<(typeof RANGES)[number]>(12);
  const [kitId, setKitId] = useState('');
  const dashboard = useLoad(
    () => call(api.GET('/api/v1/dashboard', { params: { query: { from: rangeStart(weeks), kitId: kitId || undefined } } })),
    [weeks, kitId],
  );
  return (
    <section aria-labelledby="dashboard-title" className="section" data-testid="vendor-dashboard">
      <h2 id="dashboard-title">Program dashboard</h2>
      <div className="toolbar">
        <label htmlFor="dashboard-range">Period</label>
        <select id="dashboard-range" value={weeks} onChange={(e) => setWeeks(Number(e.target.value) as (typeof RANGES)[number])} data-testid="dashboard-range">
          {RANGES.map((w) => (
            <option key={w} value={w}>
              Last {w} weeks
            </option>
          ))}
        </select>
        <label htmlFor="dashboard-kit">Kit</label>
        <select id="dashboard-kit" value={kitId} onChange={(e) => setKitId(e.target.value)} data-testid="dashboard-kit">
          <option value="">All kits</option>
          {dashboard.data?.kits.map((k) => (
            <option key={k.id} value={k.id}>
              {k.name}
              {k.status === 'retired' ? ' (retired)' : ''}
            </option>
          ))}
        </select>
        {dashboard.loading && dashboard.data && <Loading label="Updating…" />}
      </div>
      <Async state={dashboard}>{(data) => <Charts data={data} kitName={data.kits.find((k) => k.id === data.kitId)?.name} />}</Async>
    </section>
  );
}

function Charts({ data, kitName }: { data: Dashboard; kitName: string | undefined }) {
  const scope = kitName ? `For ${kitName}` : 'Across all published kits';
  return (
    <>
      <div className="chart-grid">
        <AdoptionChart data={data} scope={scope} />
        <ClicksChart data={data} scope={scope} />
        <FunnelChart data={data} scope={scope} />
        <ActiveRateChart data={data} />
        <TtfdChart data={data} />
      </div>
      <h3 className="chart-section-title">Market development funds</h3>
      <MdfCharts mdf={data.mdf} />
    </>
  );
}

function AdoptionChart({ data, scope }: { data: Dashboard; scope: string }) {
  const tiers = data.adoption.filter((t) => t.eligible > 0 || t.launched > 0);
  const summary =
    tiers.length === 0
      ? `${scope}: no partner is eligible yet.`
      : `${scope}: ` + tiers.map((t) => `${t.tierName} ${t.launched} of ${t.eligible} eligible partners launched (${percent(t.rate)})`).join('; ') + '.';
  return (
    <ChartCard
      name="adoption"
      title="Adoption by tier"
      summary={summary}
      rows={tiers}
      columns={[
        { label: 'Tier', value: (t) => t.tierName },
        { label: 'Eligible partners', value: (t) => t.eligible, numeric: true },
        { label: 'Launched', value: (t) => t.launched, numeric: true },
        { label: 'Adoption', value: (t) => percent(t.rate), numeric: true },
      ]}
      empty={tiers.length === 0 ? 'No partner is eligible for a published kit yet.' : undefined}
    >
      <ResponsiveContainer width="100%" height={260}>
        <BarChart data={tiers} margin={{ top: 16, right: 8, bottom: 8, left: 0 }} accessibilityLayer={false}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="tierName" tick={{ fontSize: 12 }} />
          <YAxis allowDecimals={false} width={40} />
          <Tooltip />
          <Legend itemSorter={null} />
          <Bar dataKey="eligible" name="Eligible" fill={CHART_COLOURS.light} isAnimationActive={false} />
          <Bar dataKey="launched" name="Launched" fill={CHART_COLOURS.primary} isAnimationActive={false}>
            <LabelList dataKey="launched" position="top" fill={CHART_COLOURS.muted} fontSize={12} />
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </ChartCard>
  );
}

function ClicksChart({ data, scope }: { data: Dashboard; scope: string }) {
  const raw = data.weeks.reduce((s, w) => s + w.clicksRaw, 0);
  const filtered = data.weeks.reduce((s, w) => s + w.clicksFiltered, 0);
  const leads = data.weeks.reduce((s, w) => s + w.leads, 0);
  const busiest = [...data.weeks].sort((a, b) => b.clicksFiltered - a.clicksFiltered)[0];
  const summary =
    raw === 0 && leads === 0
      ? `${scope}: no clicks or leads in these ${data.weeks.length} weeks.`
      : `${scope}: ${num(raw)} clicks recorded, ${num(filtered)} after removing bots and mail scanners, and ${num(leads)} lead${leads === 1 ? '' : 's'} in ${data.weeks.length} weeks.` +
        (busiest && busiest.clicksFiltered > 0 ? ` Busiest week: ${busiest.week} with ${num(busiest.clicksFiltered)} filtered clicks.` : '');
  return (
    <ChartCard
      name="clicks-leads"
      title="Clicks and leads per week"
      summary={summary}
      rows={data.weeks}
      columns={[
        { label: 'Week', value: (w) => `${w.week} (from ${weekLabel(w.startsOn)})` },
        { label: 'Clicks, raw', value: (w) => w.clicksRaw, numeric: true },
        { label: 'Clicks, filtered', value: (w) => w.clicksFiltered, numeric: true },
        { label: 'Leads', value: (w) => w.leads, numeric: true },
      ]}
    >
      <ResponsiveContainer width="100%" height={260}>
        <LineChart data={data.weeks} margin={{ top: 8, right: 8, bottom: 8, left: 0 }} accessibilityLayer={false}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="startsOn" tickFormatter={weekLabel} tick={{ fontSize: 12 }} minTickGap={12} />
          <YAxis yAxisId="clicks" allowDecimals={false} width={40} />
          <YAxis yAxisId="leads" orientation="right" allowDecimals={false} width={32} />
          <Tooltip labelFormatter={(label) => (typeof label === 'string' ? `Week of ${weekLabel(label)}` : '')} />
          <Legend itemSorter={null} />
          <Line yAxisId="clicks" type="linear" dataKey="clicksRaw" name="Clicks, raw" stroke={CHART_COLOURS.muted} strokeDasharray="6 4" strokeWidth={2} dot={false} isAnimationActive={false} />
          <Line yAxisId="clicks" type="linear" dataKey="clicksFiltered" name="Clicks, filtered" stroke={CHART_COLOURS.primary} strokeWidth={2.5} dot={{ r: 3 }} isAnimationActive={false} />
          <Line yAxisId="leads" type="linear" dataKey="leads" name="Leads (right axis)" stroke={CHART_COLOURS.green} strokeWidth={2.5} dot={{ r: 4, strokeWidth: 2, fill: '#ffffff' }} isAnimationActive={false} />
        </LineChart>
      </ResponsiveContainer>
    </ChartCard>
  );
}

function FunnelChart({ data, scope }: { data: Dashboard; scope: string }) {
  const f = data.funnel;
  const steps = [
    { step: 'Launches', count: f.launches },
    { step: 'Partners with clicks', count: f.partnersWithClicks },
    { step: 'Leads', count: f.leads },
    { step: 'Registered deals', count: f.registeredDeals },
    { step: 'Won deals', count: f.wonDeals },
  ].map((s, i, all) => {
    const previous = i === 0 ? null : all[i - 1]!.count;
    const rate = previous ? s.count / previous : null;
    return { ...s, rate, label: rate === null ? num(s.count) : `${num(s.count)} (${percent(rate)})` };
  });
  const summary = `${scope}, in this period: ` + steps.map((s) => `${s.step.toLowerCase()} ${num(s.count)}`).join(', ') + '. Percentages compare each step with the one before.';
  const nothing = steps.every((s) => s.count === 0);
  return (
    <ChartCard
      name="funnel"
      title="From launches to deals"
      summary={summary}
      rows={steps}
      columns={[
        { label: 'Step', value: (s) => s.step },
        { label: 'Count', value: (s) => s.count, numeric: true },
        { label: 'Of the step before', value: (s) => percent(s.rate), numeric: true },
      ]}
      empty={nothing ? 'Nothing launched, clicked or registered in this period.' : undefined}
    >
      <ResponsiveContainer width="100%" height={260}>
        <BarChart data={steps} layout="vertical" margin={{ top: 8, right: 72, bottom: 8, left: 8 }} accessibilityLayer={false}>
          <CartesianGrid strokeDasharray="3 3" horizontal={false} />
          <XAxis type="number" allowDecimals={false} />
          <YAxis type="category" dataKey="step" width={130} tick={{ fontSize: 12 }} />
          <Tooltip />
          <Bar dataKey="count" name="Count" fill={CHART_COLOURS.primary} minPointSize={2} isAnimationActive={false}>
            <LabelList dataKey="label" position="right" fill={CHART_COLOURS.muted} fontSize={12} />
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </ChartCard>
  );
}

function TtfdChart({ data }: { data: Dashboard }) {
  const t = data.timeToFirstDeal;
  const rows = t.buckets.map((b) => ({ ...b, withinGate: b.maxDays !== null && b.maxDays <= GATE_DAYS ? b.partners : 0, afterGate: b.maxDays !== null && b.maxDays <= GATE_DAYS ? 0 : b.partners }));
  const withDeal = t.buckets.reduce((s, b) => s + b.partners, 0);
  const summary =
    withDeal === 0
      ? `No signed partner has registered a deal yet; ${t.withoutDeal} waiting, ${t.withoutDealPastGate} of them past ${GATE_DAYS} days.`
      : `${withDeal} partner${withDeal === 1 ? '' : 's'} registered a first deal, half of them within ${num(t.medianDays ?? 0)} days of signing. ${t.withoutDeal} still without a deal, ${t.withoutDealPastGate} of them signed more than ${GATE_DAYS} days ago.`;
  return (
    <ChartCard
      name="ttfd"
      title="Time to first deal"
      summary={summary}
      rows={t.buckets}
      columns={[
        { label: 'Days from signing', value: (b) => b.label },
        { label: 'Partners', value: (b) => b.partners, numeric: true },
      ]}
      empty={withDeal === 0 ? summary : undefined}
    >
      <ResponsiveContainer width="100%" height={260}>
        <BarChart data={rows} margin={{ top: 8, right: 8, bottom: 8, left: 0 }} accessibilityLayer={false}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="label" tick={{ fontSize: 11 }} interval={0} angle={-30} textAnchor="end" height={56} />
          <YAxis allowDecimals={false} width={32} />
          <Tooltip />
          <Legend itemSorter={null} />
          <Bar dataKey="withinGate" name={`Within ${GATE_DAYS} days`} stackId="ttfd" fill={CHART_COLOURS.primary} isAnimationActive={false} />
          <Bar dataKey="afterGate" name={`After ${GATE_DAYS} days`} stackId="ttfd" fill={CHART_COLOURS.amber} isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </ChartCard>
  );
}

function ActiveRateChart({ data }: { data: Dashboard }) {
  const last = data.weeks[data.weeks.length - 1];
  const known = data.weeks.filter((w) => w.activePartnerRate !== null);
  const average = known.length ? known.reduce((s, w) => s + w.activePartnerRate!, 0) / known.length : null;
  const summary = last
    ? `In the latest week ${last.activePartners} of ${last.partners} active partners launched, were clicked, captured a lead or registered a deal (${percent(last.activePartnerRate)}); ${percent(average)} on average over ${data.weeks.length} weeks.`
    : 'No weeks in this period.';
  return (
    <ChartCard
      name="active-rate"
      title="Active partner rate"
      summary={summary}
      rows={data.weeks}
      columns={[
        { label: 'Week', value: (w) => `${w.week} (from ${weekLabel(w.startsOn)})` },
        { label: 'Partners with activity', value: (w) => w.activePartners, numeric: true },
        { label: 'Active partners', value: (w) => w.partners, numeric: true },
        { label: 'Rate', value: (w) => percent(w.activePartnerRate), numeric: true },
      ]}
    >
      <ResponsiveContainer width="100%" height={260}>
        <LineChart data={data.weeks} margin={{ top: 8, right: 16, bottom: 8, left: 0 }} accessibilityLayer={false}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="startsOn" tickFormatter={weekLabel} tick={{ fontSize: 12 }} minTickGap={12} />
          <YAxis domain={[0, 1]} tickFormatter={(v: number) => percent(v)} width={48} />
          <Tooltip labelFormatter={(label) => (typeof label === 'string' ? `Week of ${weekLabel(label)}` : '')} formatter={(v) => percent(Number(v))} />
          <Line type="linear" dataKey="activePartnerRate" name="Active partner rate" stroke={CHART_COLOURS.purple} strokeWidth={2.5} dot={{ r: 3 }} connectNulls isAnimationActive={false} />
        </LineChart>
      </ResponsiveContainer>
    </ChartCard>
  );
}
