// The launcher from the sources, as `npm start` runs it from dist/: for suites that start real
// processes without rebuilding dist/ under another suite's feet.
import { launch } from '@app/runtime';

launch(process.env).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
