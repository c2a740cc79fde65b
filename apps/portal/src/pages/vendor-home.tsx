import { useUser } from '../auth';
import { LazyVendorDashboard } from '../dashboard/lazy-charts';
import { useTitle } from './title';
import { KitTable } from './vendor-kits';

/** The vendor team's start page: the program dashboard, then the kits and their state. */
export function VendorHomePage() {
  useTitle('Overview');
  const user = useUser();
  return (
    <section className="page">
      <h1>Overview</h1>
      <p className="lede">Signed in as {user.name}. How the partner program is doing, and the campaign kits.</p>
      <LazyVendorDashboard />
      <h2>Campaign kits</h2>
      <KitTable search="" status="" />
    </section>
  );
}
