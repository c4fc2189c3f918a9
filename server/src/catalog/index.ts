// What is on: the films, shows and seat maps customers browse, for the cinema a request belongs to.
//
// What other folders may use of it:
export { dayBounds } from './cinema-day';
export { posterUrl } from './poster-url';
