/** Where a movie's poster is served (the manager routes serve POSTERS_DIR at /posters/), or null without one. */
export const posterUrl = (posterPath: string | null) =>
  posterPath ? `/posters/${encodeURIComponent(posterPath)}` : null;
