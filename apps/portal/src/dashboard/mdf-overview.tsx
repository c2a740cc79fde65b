import { api, call } from '../api/client';
import { Async, useLoad } from '../ui';
import { MdfCharts } from './mdf-charts';

/** Finance's compact view of the MDF programs running in the last 12 weeks: utilisation and return. */
export default function MdfOverview() {
  const dashboard = useLoad(() => call(api.GET('/api/v1/dashboard')), []);
  return (
    <section aria-labelledby="mdf-overview-title" className="section" data-testid="mdf-overview">
      <h2 id="mdf-overview-title">MDF at a glance</h2>
      <Async state={dashboard}>{(data) => <MdfCharts mdf={data.mdf} />}</Async>
    </section>
  );
}
