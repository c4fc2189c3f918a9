import { formatRupees, SEAT_TYPES, type TPriceTemplate, type TSeatType } from '@marquee/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTRPC } from '../trpc';
import { PriceField, UnchargeablePrices } from './price-field';
import { problem } from './problem';

const rupees = (paise: number | undefined) =>
  paise === undefined ? undefined : (paise / 100).toFixed(2).replace(/\.00$/, '');

/** Reusable GST-inclusive price lists (weekday, weekend, matinee...) for scheduling. */
export function PricesView() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const templates = useQuery(trpc.programme.priceTemplates.queryOptions());
  const [editing, setEditing] = useState<string | undefined>(undefined);
  const [name, setName] = useState('');
  const [prices, setPrices] = useState<Partial<Record<TSeatType, string>>>({});
  const reset = () => (setEditing(undefined), setName(''), setPrices({}));
  const save = useMutation(
    trpc.programme.savePriceTemplate.mutationOptions({
      onSuccess: () => {
        reset();
        void queryClient.invalidateQueries({ queryKey: trpc.programme.priceTemplates.queryKey() });
        void queryClient.invalidateQueries({ queryKey: trpc.programme.unchargeablePrices.queryKey() });
      },
    }),
  );
  const edit = (t: TPriceTemplate) => {
    setEditing(t.id);
    setName(t.name);
    setPrices(Object.fromEntries(SEAT_TYPES.map((type) => [type, rupees(t.prices[type]) ?? ''])));
  };
  return (
    <section aria-labelledby="prices-title" className="manager-section">
      <h2 id="prices-title">Price templates</h2>
      <UnchargeablePrices />
      <ul>
        {templates.data?.map((t) => (
          <li key={t.id}>
            <strong>{t.name}</strong>:{' '}
            {Object.entries(t.prices)
              .map(([type, paise]) => `${type.toLowerCase()} ${formatRupees(paise)}`)
              .join(', ')}{' '}
            <button type="button" className="button button-ghost" onClick={() => edit(t)} aria-label={`Edit ${t.name}`}>
              Edit
            </button>
          </li>
        ))}
        {templates.data?.length === 0 && <li>No templates yet.</li>}
      </ul>
      <form
        className="manager-inline-form manager-card"
        aria-label={editing ? `Edit template ${name}` : 'New price template'}
        onSubmit={(e) => {
          e.preventDefault();
          const list = Object.fromEntries(
            Object.entries(prices)
              .filter(([, v]) => v?.trim())
              .map(([k, v]) => [k, Math.round(Number(v) * 100)]),
          );
          save.mutate({ ...(editing ? { id: editing } : {}), name, prices: list });
        }}
      >
        <label className="field">
          <span>Template name</span>
          <input value={name} onChange={(e) => setName(e.target.value)} required maxLength={40} />
        </label>
        {SEAT_TYPES.map((type) => (
          <PriceField
            key={type}
            type={type}
            value={prices[type] ?? ''}
            onChange={(value) => setPrices({ ...prices, [type]: value })}
          />
        ))}
        {save.error && (
          <p className="notice notice-error" role="alert">
            {problem(save.error)}
          </p>
        )}
        <button type="submit" className="button button-primary" disabled={save.isPending}>
          Save template
        </button>
        {editing && (
          <button type="button" className="button button-ghost" onClick={reset}>
            Stop editing
          </button>
        )}
      </form>
    </section>
  );
}
