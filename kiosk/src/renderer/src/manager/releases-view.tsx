// Kiosk software releases (admins): upload a release (its version, electron-builder's channel file
// and the packages it names), roll it out to chosen kiosks or a share of the fleet, roll back, and
// watch each kiosk's version and update state.
import type { TKioskRelease, TKioskUpdateKiosk, TKioskUpdates } from '@marquee/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ConfirmDialog } from '../components/confirm-dialog';
import { Spinner } from '../components/layout';
import { useTRPC } from '../trpc';
import { problem } from './problem';
import { updateLabel } from './update-label';

function bytes(n: number): string {
  return n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(n / 1024)} KB`;
}

export function ReleasesView() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  // Kiosks report every 15 s; the page follows them.
  const overview = useQuery(trpc.kioskUpdates.overview.queryOptions(undefined, { refetchInterval: 5000 }));
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.kioskUpdates.overview.queryKey() });
  const rollback = useMutation(trpc.kioskUpdates.rollback.mutationOptions({ onSettled: refresh }));
  const [confirmRollback, setConfirmRollback] = useState(false);
  const [rollingOut, setRollingOut] = useState<TKioskRelease | null>(null);
  if (overview.isPending) return <Spinner label="Loading releases…" />;
  if (overview.error)
    return (
      <p className="notice notice-error" role="alert">
        {problem(overview.error)}
      </p>
    );
  const data = overview.data;
  const version = (id: string | null) => data.releases.find((r) => r.id === id)?.version ?? null;
  const stable = version(data.stableReleaseId);
  const candidate = data.candidate ? { ...data.candidate, version: version(data.candidate.releaseId) } : null;
  return (
    <section aria-labelledby="releases-title" className="manager-section">
      <h2 id="releases-title">Kiosk releases</h2>
      <div className="figure-row" aria-label="Rollout">
        <div className="figure-card">
          <h3>Every kiosk</h3>
          <p className="figure">{stable ?? '—'}</p>
          {!stable && <p className="muted">No release rolled out to all kiosks yet.</p>}
        </div>
        <div className="figure-card">
          <h3>Rolling out</h3>
          <p className="figure">{candidate?.version ?? '—'}</p>
          {candidate && (
            <p>
              {candidate.percent}% of kiosks
              {candidate.kioskIds.length > 0 && ` and ${candidate.kioskIds.length} chosen`}
            </p>
          )}
        </div>
      </div>
      {rollback.error && (
        <p className="notice notice-error" role="alert">
          {problem(rollback.error)}
        </p>
      )}
      {rollback.data && (
        <p className="notice" role="status">
          Rolled back: every kiosk is offered {rollback.data.stableVersion ?? 'no release'}.
        </p>
      )}
      {data.canRollBack && (
        <div>
          <button type="button" className="button button-danger" onClick={() => setConfirmRollback(true)}>
            Roll back
          </button>
        </div>
      )}
      <UploadRelease onUploaded={refresh} />
      <h3 id="release-list-title">Releases</h3>
      {data.releases.length === 0 ? (
        <p className="muted">No release uploaded yet.</p>
      ) : (
        <div className="manager-table-scroll" role="region" aria-labelledby="release-list-title" tabIndex={0}>
          <table className="manager-table">
            <thead>
              <tr>
                <th scope="col">Version</th>
                <th scope="col">Uploaded</th>
                <th scope="col">Files</th>
                <th scope="col">Status</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {data.releases.map((r) => (
                <tr key={r.id} aria-label={`Release ${r.version}`}>
                  <th scope="row">
                    {r.version}
                    {r.notes && <span className="muted show-prices">{r.notes}</span>}
                  </th>
                  <td>
                    {new Date(r.uploadedAt).toLocaleString('en-IN', { dateStyle: 'medium', timeStyle: 'short' })}
                    <span className="muted show-prices">by {r.uploadedBy}</span>
                  </td>
                  <td>
                    {r.files.map((f) => (
                      <span key={f.name} className="show-prices">
                        {f.name} ({bytes(f.size)})
                      </span>
                    ))}
                  </td>
                  <td>
                    {r.id === data.stableReleaseId
                      ? 'every kiosk'
                      : r.id === candidate?.releaseId
                        ? `rolling out (${candidate.percent}%)`
                        : '—'}
                  </td>
                  <td>
                    {r.id !== data.stableReleaseId && (
                      <button type="button" className="button" onClick={() => setRollingOut(r)}>
                        {`Roll out ${r.version}`}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {rollingOut && (
        <RolloutForm
          key={rollingOut.id}
          release={rollingOut}
          data={data}
          onDone={() => {
            setRollingOut(null);
            void refresh();
          }}
        />
      )}
      <KioskVersions kiosks={data.kiosks} />
      {confirmRollback && (
        <ConfirmDialog
          title={candidate ? `Withdraw ${candidate.version}?` : `Roll back from ${stable}?`}
          message={
            candidate
              ? `Kiosks that got ${candidate.version} go back to ${stable ?? 'no release'} when they are next idle.`
              : 'Every kiosk goes back to the release before, when it is next idle.'
          }
          confirmLabel="Roll back"
          keepLabel="Keep it"
          busy={rollback.isPending}
          onConfirm={() => rollback.mutate(undefined, { onSettled: () => setConfirmRollback(false) })}
          onKeep={() => setConfirmRollback(false)}
        />
      )}
    </section>
  );
}

function UploadRelease({ onUploaded }: { onUploaded: () => unknown }) {
  const [version, setVersion] = useState('');
  const [notes, setNotes] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  const [picker, setPicker] = useState(0);
  const [state, setState] = useState<{ busy: boolean; note: string | null; failed: boolean }>({
    busy: false,
    note: null,
    failed: false,
  });
  async function upload() {
    setState({ busy: true, note: null, failed: false });
    const form = new FormData();
    form.append('version', version.trim());
    form.append('notes', notes);
    for (const file of files) form.append('files', file, file.name);
    try {
      const res = await fetch('/admin/kiosk-releases', { method: 'POST', body: form });
      const body = (await res.json().catch(() => ({}))) as { version?: string; error?: { message?: string } };
      if (!res.ok) {
        setState({ busy: false, note: body.error?.message ?? 'The release could not be uploaded.', failed: true });
        return;
      }
      setState({ busy: false, note: `Release ${body.version} uploaded. Roll it out below.`, failed: false });
      setVersion('');
      setNotes('');
      setFiles([]);
      // A file input cannot be set from state: a new one replaces it.
      setPicker((n) => n + 1);
      void onUploaded();
    } catch {
      setState({
        busy: false,
        note: 'Marquee could not be reached. Check the connection and try again.',
        failed: true,
      });
    }
  }
  return (
    <form
      className="manager-inline-form manager-card"
      aria-labelledby="upload-release-title"
      onSubmit={(e) => {
        e.preventDefault();
        void upload();
      }}
    >
      <h3 id="upload-release-title">Upload a release</h3>
      <label className="field">
        <span>Version</span>
        <input
          value={version}
          onChange={(e) => setVersion(e.target.value)}
          required
          maxLength={64}
          placeholder="1.4.0"
          inputMode="decimal"
          autoComplete="off"
        />
      </label>
      <label className="field">
        <span>Notes (optional)</span>
        <input value={notes} onChange={(e) => setNotes(e.target.value)} maxLength={500} />
      </label>
      <label className="field">
        <span>Files: latest-linux.yml or latest.yml, and the packages they name</span>
        <input
          key={picker}
          type="file"
          multiple
          required
          accept=".yml,.AppImage,.deb,.exe"
          onChange={(e) => setFiles([...(e.target.files ?? [])])}
        />
        {files.length > 0 && <small>{files.map((f) => `${f.name} (${bytes(f.size)})`).join(', ')}</small>}
      </label>
      <button type="submit" className="button button-primary" disabled={state.busy}>
        {state.busy ? 'Uploading…' : 'Upload release'}
      </button>
      {state.note && (
        <p className={`notice${state.failed ? ' notice-error' : ''}`} role={state.failed ? 'alert' : 'status'}>
          {state.note}
        </p>
      )}
    </form>
  );
}

function RolloutForm({ release, data, onDone }: { release: TKioskRelease; data: TKioskUpdates; onDone: () => void }) {
  const trpc = useTRPC();
  const current = data.candidate?.releaseId === release.id ? data.candidate : null;
  const [percent, setPercent] = useState(current?.percent ?? 10);
  const [chosen, setChosen] = useState<string[]>(current?.kioskIds ?? []);
  const rollout = useMutation(trpc.kioskUpdates.rollout.mutationOptions({ onSuccess: onDone }));
  return (
    <form
      className="manager-card manager-section"
      aria-labelledby="rollout-title"
      onSubmit={(e) => {
        e.preventDefault();
        rollout.mutate({ releaseId: release.id, percent, kioskIds: chosen });
      }}
    >
      <h3 id="rollout-title">{`Roll out ${release.version}`}</h3>
      <label className="field">
        <span>Share of the fleet (%): 100 makes it every kiosk’s release</span>
        <input
          type="number"
          min={0}
          max={100}
          step={1}
          value={percent}
          onChange={(e) => setPercent(Number(e.target.value))}
          required
        />
      </label>
      <fieldset className="manager-toolbar">
        <legend>And these kiosks in any case</legend>
        {data.kiosks.map((k) => (
          <label key={k.id} className="manager-checkbox">
            <input
              type="checkbox"
              checked={chosen.includes(k.id)}
              onChange={(e) => setChosen(e.target.checked ? [...chosen, k.id] : chosen.filter((id) => id !== k.id))}
            />
            {k.name}
          </label>
        ))}
      </fieldset>
      {rollout.error && (
        <p className="notice notice-error" role="alert">
          {problem(rollout.error)}
        </p>
      )}
      <div className="manager-toolbar">
        <button type="submit" className="button button-primary" disabled={rollout.isPending}>
          {`Roll out ${release.version}`}
        </button>
        <button type="button" className="button button-ghost" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function KioskVersions({ kiosks }: { kiosks: TKioskUpdateKiosk[] }) {
  return (
    <>
      <h3 id="kiosk-versions-title">Kiosks</h3>
      <div className="manager-table-scroll" role="region" aria-labelledby="kiosk-versions-title" tabIndex={0}>
        <table className="manager-table">
          <thead>
            <tr>
              <th scope="col">Kiosk</th>
              <th scope="col">Running</th>
              <th scope="col">Update</th>
              <th scope="col">Offered</th>
            </tr>
          </thead>
          <tbody>
            {kiosks.map((k) => (
              <tr key={k.id} aria-label={`Kiosk ${k.name}`}>
                <th scope="row">{k.name}</th>
                <td>{k.appVersion ?? '—'}</td>
                <td className={k.updateState === 'error' ? 'status-bad' : ''}>
                  {updateLabel(k.updateState, k.updateVersion)}
                </td>
                <td>
                  {k.offeredVersion ?? '—'}
                  {k.inRollout && <span className="muted"> (in the rollout)</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
