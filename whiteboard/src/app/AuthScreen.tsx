import { useEffect, useState } from 'react';
import type { ApiClient, User } from '../api/client.ts';

const PROVIDER_NAMES: Record<string, string> = { github: 'GitHub', google: 'Google' };

export function AuthScreen({
  api,
  onSignedIn,
  hint = null,
}: {
  api: ApiClient;
  onSignedIn: (user: User) => void;
  /** Why we ask (e.g. to join a shared board). */
  hint?: string | null;
}) {
  const [mode, setMode] = useState<'signin' | 'signup'>('signin');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [providers, setProviders] = useState<string[]>([]);
  useEffect(() => {
    void api.oauthProviders().then(setProviders);
  }, [api]);

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const user =
        mode === 'signin'
          ? await api.signIn(email, password)
          : await api.signUp(email, password, name || email.split('@')[0] || email);
      onSignedIn(user);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="centered auth">
      <form className="panel" onSubmit={(e) => void submit(e)} aria-labelledby="auth-title">
        <p className="brand" aria-hidden="true">
          ∑ MotionMath
        </p>
        <h1 id="auth-title">{mode === 'signin' ? 'Sign in' : 'Create an account'}</h1>
        {hint && <p className="hint">{hint}</p>}
        {mode === 'signup' && (
          <label>
            <span className="label">Name</span>
            <input
              name="name"
              autoComplete="name"
              value={name}
              onChange={(e) => setName(e.target.value)}
            />
          </label>
        )}
        <label>
          <span className="label">Email</span>
          <input
            name="email"
            type="email"
            autoComplete="email"
            required
            value={email}
            onChange={(e) => setEmail(e.target.value)}
          />
        </label>
        <label>
          <span className="label">Password</span>
          <input
            name="password"
            type="password"
            autoComplete={mode === 'signin' ? 'current-password' : 'new-password'}
            required
            minLength={mode === 'signup' ? 8 : undefined}
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </label>
        {error && (
          <p role="alert" className="error-text">
            {error}
          </p>
        )}
        <button type="submit" className="primary wide" disabled={busy}>
          {mode === 'signin' ? 'Sign in' : 'Sign up'}
        </button>
        {providers.length > 0 && (
          <div className="oauth">
            {providers.map((p) => (
              <a key={p} className="button wide" href={api.oauthUrl(p)}>
                Continue with {PROVIDER_NAMES[p] ?? p}
              </a>
            ))}
          </div>
        )}
        <p className="switch">
          {mode === 'signin' ? 'New here?' : 'Have an account?'}{' '}
          <button
            type="button"
            className="link"
            onClick={() => setMode(mode === 'signin' ? 'signup' : 'signin')}
          >
            {mode === 'signin' ? 'Create an account' : 'Sign in'}
          </button>
        </p>
      </form>
    </main>
  );
}
