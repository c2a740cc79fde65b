import sharp from 'sharp';
import { ImageJob, runImageJob } from './image-work';

/**
 * The image sandbox process: one job at a time, killed by its parent at the job's deadline.
 * argv[2] (or argv[3] when started through the TypeScript runner) is the memory ceiling in MiB.
 */

// One libvips thread per job: a hostile image costs at most one core, and nothing is cached between jobs.
sharp.concurrency(1);
sharp.cache(false);

const maxRssBytes = Number(process.argv.at(-1)) * 1024 * 1024;
/** Exit code that tells the parent the job went over the memory ceiling. */
const OUT_OF_MEMORY = 86;

// libvips works on a libuv thread, so this timer still runs while a decode is in progress.
if (Number.isFinite(maxRssBytes) && maxRssBytes > 0) {
  setInterval(() => {
    if (process.memoryUsage.rss() > maxRssBytes) process.exit(OUT_OF_MEMORY);
  }, 25).unref();
}

/** Answers the parent; a parent that has gone away (closed its end) ends this process. */
function reply(message: unknown): void {
  process.send?.(message, undefined, undefined, (error: Error | null) => {
    if (error) process.exit(0);
  });
}

process.on('message', (message: { id: number; job: ImageJob }) => {
  runImageJob(message.job).then(
    (outcome) => reply({ id: message.id, outcome }),
    () => reply({ id: message.id, outcome: { ok: false, code: 'IMAGE_UNREADABLE', problem: 'could not be read as an image' } }),
  );
});
// The parent is gone (even killed with SIGKILL): nothing is waiting for this work.
process.on('disconnect', () => process.exit(0));
reply({ ready: true });
