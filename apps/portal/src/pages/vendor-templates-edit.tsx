import { api, call } from '../api/client';
import { Link } from '../router';
import { Async, useLoad } from '../ui';
import { TemplateEditor } from '../vendor-templates-edit/template-editor';
import { useTitle } from './title';

export function VendorTemplatePage({ params }: { params: Record<string, string> }) {
  const id = params.id!;
  const template = useLoad(() => call(api.GET('/api/v1/templates/{id}', { params: { path: { id } } })), [id]);
  useTitle(template.data?.name ?? 'Template');
  return (
    <section className="page">
      <p className="breadcrumb">
        <Link to="/vendor/templates">Templates</Link>
      </p>
      <Async state={template}>{(t) => <TemplateEditor key={t.id} template={t} onSaved={template.reload} />}</Async>
    </section>
  );
}
