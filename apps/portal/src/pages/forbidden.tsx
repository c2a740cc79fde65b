import { useUser, homeFor } from '../auth';
import { Link } from '../router';
import type { Audience } from '../routes';
import { useTitle } from './title';

const WHO: Record<Audience, string> = {
  partner: 'This page is for partners',
  vendor: 'This page is for the vendor team',
  finance: 'This page is for finance',
  everyone: 'This page is not available',
};

/** What a signed-in user sees on a page their role does not open (the API refuses the data too). */
export function ForbiddenPage({ audience }: { audience: Audience }) {
  useTitle(WHO[audience]);
  const user = useUser();
  return (
    <section className="page" data-testid="forbidden">
      <h1>{WHO[audience]}</h1>
      <p>Your account cannot open it. If you think it should, ask your administrator.</p>
      <p>
        <Link to={homeFor(user)}>Go to your home page</Link>
      </p>
    </section>
  );
}
