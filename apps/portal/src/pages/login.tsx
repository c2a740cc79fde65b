import { useState, type FormEvent } from 'react';
import { ApiError } from '../api/client';
import { useSession } from '../auth';
import { useToast } from '../toast';
import { toApiError } from '../ui';
import { useTitle } from './title';

export function LoginPage() {
  useTitle('Sign in');
  const { login } = useSession();
  const { notify } = useToast();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const user = await login(email.trim(), password);
      notify(`Welcome, ${user.name}.`);
    } catch (e) {
      setError(toApiError(e));
      setBusy(false);
    }
  };

  const message = error && (error.status === 401 ? 'That email and password do not match an account.' : error.status === 429 ? `${error.message} Please wait a few minutes before trying again.` : error.summary);
  return (
    <main id="main" className="login">
      <div className="login-card">
        <p className="brand">ChannelKit</p>
        <h1>Sign in</h1>
        <form onSubmit={(e) => void submit(e)} noValidate data-testid="login-form">
          <div className="field">
            <label htmlFor="login-email">Email</label>
            <input id="login-email" type="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} aria-invalid={!!error?.fields.email} aria-describedby={error?.fields.email ? 'login-email-error' : undefined} data-testid="login-email" />
            {error?.fields.email && (
              <p id="login-email-error" className="field-error">
                {error.fieldMessage('email')}
              </p>
            )}
          </div>
          <div className="field">
            <label htmlFor="login-password">Password</label>
            <input id="login-password" type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} data-testid="login-password" />
          </div>
          {message && !error?.fields.email && (
            <p className="form-error" role="alert" data-testid="login-error">
              {message}
            </p>
          )}
          <button type="submit" className="button" disabled={busy || !email || !password} data-testid="login-submit">
            {busy ? 'Signing in…' : 'Sign in'}
          </button>
        </form>
      </div>
    </main>
  );
}
