import { Audiences } from '../contacts/audiences';
import { ContactList } from '../contacts/contact-list';
import { ImportSection } from '../contacts/import';
import { Tabs } from '../partner-ui';
import { useLocation } from '../router';
import { useTitle } from './title';

const TABS = [
  { key: 'contacts', label: 'Contacts' },
  { key: 'import', label: 'Import a CSV' },
  { key: 'audiences', label: 'Audiences' },
];

/** The partner's own contacts: the list, one added by hand, CSV imports with their report, and audiences. */
export function ContactsPage() {
  useTitle('Contacts');
  const { search } = useLocation();
  const tab = TABS.some((t) => t.key === search.get('tab')) ? search.get('tab')! : 'contacts';
  return (
    <section className="page">
      <h1>Contacts</h1>
      <p className="lede">Your own audience: only your organisation sees it. The vendor sees a contact only once you share a lead or register a deal.</p>
      <Tabs path="/contacts" current={tab} tabs={TABS} label="Contacts sections" />
      {tab === 'contacts' && <ContactList />}
      {tab === 'import' && <ImportSection importId={search.get('import')} />}
      {tab === 'audiences' && <Audiences />}
    </section>
  );
}
