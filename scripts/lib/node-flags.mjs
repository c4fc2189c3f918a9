// Node flags of the long-running API process, shared by `npm start` and the benchmarks (which must
// measure what runs). A larger young generation: a busy API allocates fast (every request builds
// its context, input, Fetch Request and Response), and with V8's default 16 MB semi-spaces it spent
// about a tenth of its CPU in scavenges during the hold storm; with 128 MB it scavenges an eighth as
// often, and the API's CPU per hold dropped by about a fifth (docs/performance.md). The cost is up to
// 3 × 128 MB of young generation per API process.
export const API_NODE_FLAGS = ['--max-semi-space-size=128'];
