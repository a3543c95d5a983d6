// Preloaded (node --expose-gc --import …) into the processes whose memory a
// benchmark reads: SIGUSR2 runs full garbage collections, so an RSS reading
// taken right after measures what is retained, not when V8 last collected.
// Twice: the first collection frees the objects, but their pages go back to
// the system only as a later one finishes sweeping (one collection left the
// "before" reading of the same server 40 MiB apart from run to run).
process.on('SIGUSR2', () => {
  if (typeof globalThis.gc !== 'function') return;
  globalThis.gc();
  globalThis.gc();
});
