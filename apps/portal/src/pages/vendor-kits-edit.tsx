import { api, call } from '../api/client';
import { useProgram } from '../asset-fields';
import { useUser } from '../auth';
import { Link } from '../router';
import { ErrorState, loadAll, Loading, useLoad } from '../ui';
import { KitEditor } from '../vendor-kits-edit/kit-editor';
import { ReadOnlyNote } from '../vendor-ui';
import { useTitle } from './title';
import { AUTHOR_ROLES } from './vendor-templates-common';

export function VendorKitNewPage() {
  useTitle('New kit');
  return <KitPageFrame kitId={undefined} />;
}

export function VendorKitPage({ params }: { params: Record<string, string> }) {
  return <KitPageFrame kitId={params.id} />;
}

function KitPageFrame({ kitId }: { kitId: string | undefined }) {
  const user = useUser();
  const author = AUTHOR_ROLES.includes(user.role);
  const state = useLoad(async () => {
    const [kit, templates, assets] = await Promise.all([
      kitId ? call(api.GET('/api/v1/kits/{id}', { params: { path: { id: kitId } } })) : Promise.resolve(undefined),
      // Each template in the list says whether (and which version) is published: no request per template.
      loadAll((cursor) => call(api.GET('/api/v1/templates', { params: { query: { limit: 100, cursor } } }))),
      loadAll((cursor) => call(api.GET('/api/v1/assets', { params: { query: { limit: 100, cursor } } }))),
    ]);
    return { kit, templates, assets };
  }, [kitId]);
  const program = useProgram();
  useTitle(kitId ? (state.data?.kit?.version.name ?? 'Kit') : 'New kit');
  return (
    <section className="page">
      <p className="breadcrumb">
        <Link to="/vendor/kits">Kits</Link>
      </p>
      {!kitId && <h1>New kit</h1>}
      {!author && <ReadOnlyNote user={user} who="vendor admins and marketers" />}
      {state.error ? (
        <ErrorState error={state.error} retry={state.reload} />
      ) : program.error ? (
        <ErrorState error={program.error} retry={program.reload} />
      ) : !state.data || !program.data ? (
        <Loading />
      ) : (
        <KitEditor key={kitId ?? 'new'} kit={state.data.kit} templates={state.data.templates} assets={state.data.assets} tiers={program.data.tiers} partners={program.data.partners} author={author} onChanged={state.reload} />
      )}
    </section>
  );
}
