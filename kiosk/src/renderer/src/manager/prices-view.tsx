import { formatRupees, SEAT_TYPES, type TSeatType } from '@marquee/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTRPC } from '../trpc';
import { problem } from './problem';

/** Reusable GST-inclusive price lists (weekday, weekend, matinee...) for scheduling. */
export function PricesView() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const templates = useQuery(trpc.programme.priceTemplates.queryOptions());
  const [name, setName] = useState('');
  const [prices, setPrices] = useState<Partial<Record<TSeatType, string>>>({});
  const save = useMutation(trpc.programme.savePriceTemplate.mutationOptions({ onSuccess: () => (setName(''), setPrices({}), void queryClient.invalidateQueries({ queryKey: trpc.programme.priceTemplates.queryKey() })) }));
  return (
    <section aria-labelledby="prices-title" className="manager-section">
      <h2 id="prices-title">Price templates</h2>
      <ul>
        {templates.data?.map((t) => (
          <li key={t.id}>
            <strong>{t.name}</strong>:{' '}
            {Object.entries(t.prices)
              .map(([type, paise]) => `${type.toLowerCase()} ${formatRupees(paise)}`)
              .join(', ')}
          </li>
        ))}
        {templates.data?.length === 0 && <li>No templates yet.</li>}
      </ul>
      <form
        className="manager-inline-form manager-card"
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate({ name, prices: Object.fromEntries(Object.entries(prices).filter(([, v]) => v?.trim()).map(([k, v]) => [k, Math.round(Number(v) * 100)])) });
        }}
      >
        <label className="field">
          <span>Template name</span>
          <input value={name} onChange={(e) => setName(e.target.value)} required maxLength={40} />
        </label>
        {SEAT_TYPES.map((type) => (
          <label key={type} className="field">
            <span>{type.toLowerCase()} (₹, GST incl.)</span>
            <input inputMode="decimal" value={prices[type] ?? ''} onChange={(e) => setPrices({ ...prices, [type]: e.target.value })} size={6} />
          </label>
        ))}
        {save.error && <p className="notice notice-error" role="alert">{problem(save.error)}</p>}
        <button type="submit" className="button button-primary" disabled={save.isPending}>
          Save template
        </button>
      </form>
    </section>
  );
}
