import { POSTER_MAX_BYTES, POSTER_TYPES, type TManagerMovie } from '@marquee/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Spinner } from '../components/layout';
import { useTRPC } from '../trpc';
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
      {movies.isPending ? (
        <Spinner label="Loading movies…" />
      ) : movies.error ? (
        <p className="notice notice-error" role="alert">
          {problem(movies.error)}
        </p>
      ) : (
        <table className="manager-table">
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
                </th>
                <td>{m.upcomingShows}</td>
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
                </td>
              </tr>
            ))}
          </tbody>
        </table>
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
