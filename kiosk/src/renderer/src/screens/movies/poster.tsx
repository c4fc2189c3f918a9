import type { TMovie } from '@marquee/shared';

// A film without a poster image gets a typographic one, its colour derived from the title.
function hue(title: string): number {
  let h = 0;
  for (const c of title) h = (h * 31 + c.charCodeAt(0)) % 360;
  return h;
}

/**
 * A film's poster. `decorative` where the title is written beside it (a screen reader hears it
 * once, and a control's spoken name matches what it shows); otherwise the poster names the film.
 */
export function Poster({
  movie,
  decorative = false,
}: {
  movie: Pick<TMovie, 'title' | 'posterUrl' | 'certificate'>;
  decorative?: boolean;
}) {
  if (movie.posterUrl) return <img className="poster" src={movie.posterUrl} alt={decorative ? '' : movie.title} />;
  const h = hue(movie.title);
  return (
    <div
      aria-hidden={decorative || undefined}
      className="poster poster-text"
      style={{ background: `linear-gradient(160deg, hsl(${h} 55% 28%), hsl(${(h + 40) % 360} 60% 14%))` }}
    >
      <span className="poster-title">{movie.title}</span>
      <span className="certificate">{movie.certificate}</span>
    </div>
  );
}
