import { useEffect, useState } from 'react';
import { ApiError, api, call } from '../api/client';
import { useUser } from '../auth';
import { can } from '../partner-ui';
import { LogoSection } from '../profile/logo';
import { type Partner, ProfileForm } from '../profile/profile-form';
import { Users } from '../profile/users';
import { ErrorState, Loading, useLoad } from '../ui';
import { useTitle } from './title';

/** The partner's profile (what co-branding fills in), its logo as partners' banners show it, and its users. */
export function ProfilePage() {
  useTitle('Profile');
  const user = useUser();
  const partnerId = user.partnerId;
  const state = useLoad(() => (partnerId ? call(api.GET('/api/v1/partners/{id}', { params: { path: { id: partnerId } } })) : Promise.reject(new ApiError(404, 'NOT_FOUND', 'Your account belongs to no partner.'))), [partnerId]);
  const [partner, setPartner] = useState<Partner | null>(null);
  useEffect(() => {
    if (state.data) setPartner(state.data);
  }, [state.data]);
  return (
    <section className="page">
      <h1>Profile</h1>
      <p className="lede">What every co-branded email, landing page and banner shows about you. Changes apply to new renditions at once.</p>
      {state.error ? (
        <ErrorState error={state.error} retry={state.reload} />
      ) : !partner ? (
        <Loading />
      ) : (
        <>
          <ProfileForm partner={partner} onSaved={setPartner} editable={can(user, 'edit-partner-profile')} />
          <LogoSection partner={partner} onChanged={setPartner} editable={can(user, 'edit-partner-profile')} />
          <Users partner={partner} editable={can(user, 'manage-partner-users')} />
        </>
      )}
    </section>
  );
}
