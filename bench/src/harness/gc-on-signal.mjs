// Preloaded (node --expose-gc --import …) into the processes whose memory a
// benchmark reads: SIGUSR2 runs a full garbage collection, so an RSS reading
// taken right after measures what is retained, not when V8 last collected.
process.on('SIGUSR2', () => {
  if (typeof globalThis.gc === 'function') globalThis.gc();
});
