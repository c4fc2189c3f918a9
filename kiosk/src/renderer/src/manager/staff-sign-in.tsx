import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTRPC } from '../trpc';
import { problem } from './problem';

/** Sign-in for staff (dashboard and door): email and password, the server's refusal shown as is. */
export function StaffSignIn({ title }: { title: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const login = useMutation(trpc.manager.login.mutationOptions({ onSuccess: () => queryClient.invalidateQueries() }));
  return (
    <div className="screen manager" data-screen="staff-sign-in">
      <header className="screen-header">
        <span className="brand">Marquee</span>
        <h1>{title}</h1>
      </header>
      <main className="screen-body">
        <form
          className="form"
          onSubmit={(e) => {
            e.preventDefault();
            login.mutate({ email, password });
          }}
        >
          <label className="field">
            <span>Email</span>
            <input
              type="email"
              value={email}
              onChange={(e) => setEmail(e.target.value)}
              autoComplete="username"
              required
            />
          </label>
          <label className="field">
            <span>Password</span>
            <input
              type="password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              autoComplete="current-password"
              required
            />
          </label>
          {login.error && (
            <p className="notice notice-error" role="alert">
              {problem(login.error)}
            </p>
          )}
          <button type="submit" className="button button-primary" disabled={login.isPending}>
            Sign in
          </button>
        </form>
      </main>
    </div>
  );
}
