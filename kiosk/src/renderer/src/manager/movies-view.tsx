// The films of the programme: add and edit them, upload posters, and see (admins: record and
// remove) the periods a state made a film tax-free.
import { POSTER_MAX_BYTES, POSTER_TYPES, type TFilmTaxWaiver, type TManagerMovie } from '@marquee/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Spinner } from '../components/layout';
import { useTRPC } from '../trpc';
import { AddWaiverForm, FilmWaiverList, RemoveWaiverDialog, useFilmTaxWaivers } from './film-tax-waivers';
import { problem } from './problem';

type TForm = {
  id?: string;
  title: string;
  language: string;
  certificate: 'U' | 'UA' | 'A';
  runtimeMinutes: number;
  synopsis: string;
};
const EMPTY: TForm = { title: '', language: 'Hindi', certificate: 'UA', runtimeMinutes: 120, synopsis: '' };

export function MoviesView() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const movies = useQuery(trpc.programme.movies.queryOptions());
  const [form, setForm] = useState<TForm>(EMPTY);
  const [posterNote, setPosterNote] = useState<string | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.programme.movies.queryKey() });
  const save = useMutation(trpc.programme.saveMovie.mutationOptions({ onSuccess: () => (setForm(EMPTY), refresh()) }));
  // The signed-in staff member (already loaded by the dashboard) and the cinema's state, which a
  // new waiver defaults to.
  const me = useQuery(trpc.manager.me.queryOptions(undefined, { staleTime: 60_000 }));
  const isAdmin = me.data?.role === 'ADMIN';
  const tax = useQuery(trpc.taxSettings.get.queryOptions());
  const cinemaStateCode = tax.data?.gstStateCode ?? null;
  const waivers = useFilmTaxWaivers();
  const [waiverFor, setWaiverFor] = useState<TManagerMovie | null>(null);
  const [removing, setRemoving] = useState<TFilmTaxWaiver | null>(null);
  const [waiverNote, setWaiverNote] = useState<string | null>(null);

  async function uploadPoster(movie: TManagerMovie, file: File) {
    setPosterNote(null);
    if (!(file.type in POSTER_TYPES)) return setPosterNote('The poster must be a PNG, JPEG or WebP image.');
    if (file.size > POSTER_MAX_BYTES) return setPosterNote('The poster is too large: at most 2 MB.');
    const res = await fetch(`/manager/movies/${movie.id}/poster`, {
      method: 'POST',
      headers: { 'content-type': file.type },
      body: file,
    });
    const body = (await res.json().catch(() => ({}))) as { error?: { message?: string } };
    setPosterNote(
      res.ok ? `Poster for ${movie.title} saved.` : (body.error?.message ?? 'The poster could not be saved.'),
    );
    void refresh();
  }

  return (
    <section aria-labelledby="movies-title" className="manager-section">
      <h2 id="movies-title">Movies</h2>
      {posterNote && (
        <p className="notice" role="status">
          {posterNote}
        </p>
      )}
      {waiverNote && (
        <p className="notice" role="status">
          {waiverNote}
        </p>
      )}
      {waivers.waivers.error && (
        <p className="notice notice-error" role="alert">
          Tax-free periods could not be loaded: {problem(waivers.waivers.error)}
        </p>
      )}
      {movies.isPending ? (
        <Spinner label="Loading movies…" />
      ) : movies.error ? (
        <p className="notice notice-error" role="alert">
          {problem(movies.error)}
        </p>
      ) : (
        <table className="manager-table movies-table">
          <thead>
            <tr>
              <th scope="col">Poster</th>
              <th scope="col">Movie</th>
              <th scope="col">Upcoming shows</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {movies.data.map((m) => (
              <tr key={m.id}>
                <td>
                  {m.posterUrl ? <img src={m.posterUrl} alt={`Poster of ${m.title}`} width={48} height={72} /> : '—'}
                </td>
                <th scope="row">
                  {m.title}{' '}
                  <span className="muted">
                    ({m.language}, {m.certificate}, {m.runtimeMinutes} min)
                  </span>
                  <FilmWaiverList
                    waivers={waivers.byMovie.get(m.id) ?? []}
                    cinemaStateCode={cinemaStateCode}
                    isAdmin={isAdmin}
                    onRemove={(w) => (setWaiverNote(null), setRemoving(w))}
                  />
                </th>
                <td data-label="Upcoming shows">{m.upcomingShows}</td>
                <td>
                  <button
                    type="button"
                    className="button"
                    onClick={() =>
                      setForm({
                        id: m.id,
                        title: m.title,
                        language: m.language,
                        certificate: m.certificate,
                        runtimeMinutes: m.runtimeMinutes,
                        synopsis: m.synopsis,
                      })
                    }
                  >
                    Edit
                  </button>{' '}
                  <label className="button">
                    Upload poster
                    <input
                      type="file"
                      accept={Object.keys(POSTER_TYPES).join(',')}
                      hidden
                      onChange={(e) => e.target.files?.[0] && void uploadPoster(m, e.target.files[0])}
                      aria-label={`Poster file for ${m.title}`}
                    />
                  </label>
                  {isAdmin && (
                    <>
                      {' '}
                      <button
                        type="button"
                        className="button"
                        aria-label={`Make ${m.title} tax-free`}
                        onClick={() => (setWaiverNote(null), setWaiverFor(m))}
                      >
                        Tax-free…
                      </button>
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {waiverFor && (
        <AddWaiverForm
          key={waiverFor.id}
          movie={waiverFor}
          cinemaStateCode={cinemaStateCode}
          onClose={() => setWaiverFor(null)}
          onSaved={() => {
            setWaiverNote(`Tax-free period for ${waiverFor.title} recorded.`);
            void waivers.refresh();
          }}
        />
      )}
      {removing && (
        <RemoveWaiverDialog
          waiver={removing}
          onDone={() => setRemoving(null)}
          onRemoved={() => {
            setWaiverNote(`Tax-free period for ${removing.movieTitle} removed. Invoices already issued are unchanged.`);
            void waivers.refresh();
          }}
        />
      )}
      <form
        className="form"
        aria-label={form.id ? 'Edit movie' : 'Add a movie'}
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate(form);
        }}
      >
        <h3>{form.id ? `Edit ${form.title}` : 'Add a movie'}</h3>
        <label className="field">
          <span>Title</span>
          <input
            value={form.title}
            onChange={(e) => setForm({ ...form, title: e.target.value })}
            required
            maxLength={120}
          />
        </label>
        <label className="field">
          <span>Language</span>
          <input
            value={form.language}
            onChange={(e) => setForm({ ...form, language: e.target.value })}
            required
            maxLength={40}
          />
        </label>
        <label className="field">
          <span>Certificate</span>
          <select
            value={form.certificate}
            onChange={(e) => setForm({ ...form, certificate: e.target.value as TForm['certificate'] })}
          >
            <option value="U">U</option>
            <option value="UA">UA</option>
            <option value="A">A</option>
          </select>
        </label>
        <label className="field">
          <span>Runtime (minutes)</span>
          <input
            type="number"
            min={30}
            max={300}
            value={form.runtimeMinutes}
            onChange={(e) => setForm({ ...form, runtimeMinutes: Number(e.target.value) })}
            required
          />
        </label>
        <label className="field">
          <span>Synopsis</span>
          <textarea
            value={form.synopsis}
            onChange={(e) => setForm({ ...form, synopsis: e.target.value })}
            maxLength={2000}
            rows={3}
          />
        </label>
        {save.error && (
          <p className="notice notice-error" role="alert">
            {problem(save.error)}
          </p>
        )}
        <button type="submit" className="button button-primary" disabled={save.isPending}>
          {form.id ? 'Save movie' : 'Add movie'}
        </button>
      </form>
    </section>
  );
}
