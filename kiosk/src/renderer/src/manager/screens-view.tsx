import { layoutSeats, ZLayoutSchema, type TLayout, type TSeatMap } from '@marquee/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { SeatMap } from '../screens/seat-map/seat-map';
import { useTRPC } from '../trpc';
import { problem } from './problem';

const HELP =
  'One line per row: the row name, a colon, then one character per place: S standard, P premium, R recliner, W wheelchair space, C companion seat (beside its W), "." an aisle or gap.';

const toText = (layout: TLayout) => layout.rows.map((r) => `${r.row}: ${r.cells}`).join('\n');
function fromText(text: string): unknown {
  return {
    rows: text
      .split('\n')
      .filter((l) => l.trim())
      .map((line) => ({
        row: line.split(':')[0]!.trim(),
        cells: line.includes(':')
          ? line
              .slice(line.indexOf(':') + 1)
              .replace(/^ /, '')
              .replace(/\s+$/, '')
          : '',
      })),
  };
}

/** The layout editor: the room as text, checked and drawn as you type; JSON in and out. */
export function ScreensView() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const screens = useQuery(trpc.programme.screens.queryOptions());
  const [screenId, setScreenId] = useState<string>('');
  const [name, setName] = useState('');
  const [text, setText] = useState('A: SSSSSS.SSSSSS\nB: SSSSSS.SSSSSS\nC: WC..SSSS..WC');
  const layout = useQuery({ ...trpc.programme.layout.queryOptions({ screenId }), enabled: !!screenId });
  useEffect(() => {
    if (layout.data) {
      setName(layout.data.name);
      setText(toText(layout.data.layout));
    }
  }, [layout.data]);
  const save = useMutation(
    trpc.programme.saveLayout.mutationOptions({
      onSuccess: (r) => (
        setScreenId(r.screenId),
        void queryClient.invalidateQueries({ queryKey: trpc.programme.pathKey() })
      ),
    }),
  );
  const parsed = ZLayoutSchema.safeParse(fromText(text));
  const preview: Pick<TSeatMap, 'columns' | 'rows' | 'seats'> | null = parsed.success
    ? (() => {
        const seats = layoutSeats(parsed.data);
        const ids = new Map(seats.map((s) => [s.label, s.label]));
        return {
          columns: Math.max(...seats.map((s) => s.x)) + 1,
          rows: parsed.data.rows.length,
          seats: seats.map((s) => ({
            id: s.label,
            label: s.label,
            row: s.row,
            number: s.number,
            type: s.type,
            x: s.x,
            y: s.y,
            companionOfId: s.companionOfLabel ? ids.get(s.companionOfLabel)! : null,
            state: 'available' as const,
          })),
        };
      })()
    : null;

  function exportJson() {
    if (!parsed.success) return;
    const url = URL.createObjectURL(new Blob([JSON.stringify(parsed.data, null, 2)], { type: 'application/json' }));
    const a = Object.assign(document.createElement('a'), { href: url, download: `${name || 'screen'}-layout.json` });
    a.click();
    URL.revokeObjectURL(url);
  }
  async function importJson(file: File) {
    const json = ZLayoutSchema.safeParse(JSON.parse(await file.text()) as unknown);
    setText(json.success ? toText(json.data) : text);
    if (!json.success)
      window.alert(`That file is not a valid layout: ${json.error.issues.map((i) => i.message).join('; ')}`);
  }

  return (
    <section aria-labelledby="screens-title" className="manager-section">
      <h2 id="screens-title">Screens and seat layouts</h2>
      <label className="field">
        <span>Screen</span>
        <select value={screenId} onChange={(e) => (setScreenId(e.target.value), e.target.value || setName(''))}>
          <option value="">A new screen</option>
          {screens.data?.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name} ({s.seats} seats{s.futureBookings ? `, ${s.futureBookings} future bookings` : ''})
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>Name</span>
        <input value={name} onChange={(e) => setName(e.target.value)} maxLength={40} required />
      </label>
      <label className="field">
        <span>Layout</span>
        <textarea
          className="layout-editor"
          value={text}
          onChange={(e) => setText(e.target.value)}
          rows={Math.max(6, text.split('\n').length + 1)}
          spellCheck={false}
          aria-describedby="layout-help"
        />
      </label>
      <p id="layout-help" className="muted">
        {HELP}
      </p>
      {!parsed.success && (
        <ul className="notice notice-error" role="alert" aria-label="Layout problems">
          {parsed.error.issues.map((i) => (
            <li key={`${i.path.join('.')}-${i.message}`}>{i.message}</li>
          ))}
        </ul>
      )}
      {preview && <SeatMap map={preview} selected={new Set()} onToggle={() => undefined} isSelectable={() => false} />}
      {save.error && (
        <p className="notice notice-error" role="alert">
          {problem(save.error)}
        </p>
      )}
      {save.data && (
        <p role="status">
          Saved: {save.data.added} seats added, {save.data.changed} changed, {save.data.removed} removed.
        </p>
      )}
      <div className="manager-inline-form">
        <button
          type="button"
          className="button button-primary"
          disabled={!parsed.success || !name.trim() || save.isPending}
          onClick={() =>
            parsed.success && save.mutate({ ...(screenId ? { screenId } : {}), name: name.trim(), layout: parsed.data })
          }
        >
          {screenId ? 'Save layout' : 'Create screen'}
        </button>
        <button type="button" className="button" disabled={!parsed.success} onClick={exportJson}>
          Export JSON
        </button>
        <label className="button">
          Import JSON
          <input
            type="file"
            accept="application/json"
            hidden
            onChange={(e) => e.target.files?.[0] && void importJson(e.target.files[0])}
          />
        </label>
      </div>
    </section>
  );
}
