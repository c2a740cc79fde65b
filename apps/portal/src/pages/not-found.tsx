import { homeFor, useUser } from '../auth';
import { Link } from '../router';
import { useTitle } from './title';

export function NotFoundPage() {
  useTitle('Page not found');
  const user = useUser();
  return (
    <section className="page">
      <h1>Page not found</h1>
      <p>There is no page at this address.</p>
      <p>
        <Link to={homeFor(user)}>Go to your home page</Link>
      </p>
    </section>
  );
}
