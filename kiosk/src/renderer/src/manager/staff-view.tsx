import { STAFF_ROLES, type TStaffRole } from '@marquee/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Spinner } from '../components/layout';
import { useTRPC } from '../trpc';
import { problem } from './problem';

export function StaffView({ meId }: { meId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const staff = useQuery(trpc.staffAccounts.list.queryOptions());
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.staffAccounts.list.queryKey() });
  const [form, setForm] = useState({ email: '', name: '', role: 'STAFF' as TStaffRole, password: '' });
  const create = useMutation(
    trpc.staffAccounts.create.mutationOptions({
      onSuccess: () => (setForm({ email: '', name: '', role: 'STAFF', password: '' }), refresh()),
    }),
  );
  const disable = useMutation(trpc.staffAccounts.setDisabled.mutationOptions({ onSuccess: refresh }));
  const unlock = useMutation(trpc.staffAccounts.unlock.mutationOptions({ onSuccess: refresh }));
  if (staff.isPending) return <Spinner label="Loading staff…" />;
  if (staff.error)
    return (
      <p className="notice notice-error" role="alert">
        {problem(staff.error)}
      </p>
    );
  return (
    <section aria-labelledby="staff-title" className="manager-section">
      <h2 id="staff-title">Staff</h2>
      {(disable.error ?? unlock.error) && (
        <p className="notice notice-error" role="alert">
          {problem(disable.error ?? unlock.error)}
        </p>
      )}
      <table className="manager-table">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Email</th>
            <th scope="col">Role</th>
            <th scope="col">State</th>
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          {staff.data.map((u) => (
            <tr key={u.id}>
              <th scope="row">{u.name}</th>
              <td>{u.email}</td>
              <td>{u.role.toLowerCase()}</td>
              <td>{u.disabled ? 'disabled' : u.locked ? 'waiting after wrong passwords' : 'active'}</td>
              <td>
                {u.locked && (
                  <button
                    type="button"
                    className="button"
                    disabled={unlock.isPending}
                    onClick={() => unlock.mutate({ userId: u.id })}
                  >
                    {`Unlock ${u.name}`}
                  </button>
                )}{' '}
                {u.id !== meId && (
                  <button
                    type="button"
                    className="button"
                    disabled={disable.isPending}
                    onClick={() => disable.mutate({ userId: u.id, disabled: !u.disabled })}
                  >
                    {u.disabled ? `Enable ${u.name}` : `Disable ${u.name}`}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form
        className="manager-inline-form manager-card"
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate(form);
        }}
      >
        <h3>Add a staff account</h3>
        <label className="field">
          <span>Name</span>
          <input
            value={form.name}
            onChange={(e) => setForm({ ...form, name: e.target.value })}
            required
            maxLength={80}
          />
        </label>
        <label className="field">
          <span>Email</span>
          <input
            type="email"
            value={form.email}
            onChange={(e) => setForm({ ...form, email: e.target.value })}
            required
          />
        </label>
        <label className="field">
          <span>Role</span>
          <select value={form.role} onChange={(e) => setForm({ ...form, role: e.target.value as TStaffRole })}>
            {STAFF_ROLES.map((r) => (
              <option key={r} value={r}>
                {r.toLowerCase()}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>First password (at least 12 characters)</span>
          <input
            type="password"
            value={form.password}
            onChange={(e) => setForm({ ...form, password: e.target.value })}
            minLength={12}
            required
            autoComplete="new-password"
          />
        </label>
        {create.error && (
          <p className="notice notice-error" role="alert">
            {problem(create.error)}
          </p>
        )}
        <button type="submit" className="button button-primary" disabled={create.isPending}>
          Add account
        </button>
      </form>
    </section>
  );
}
