/** The Action's entry point (bundled to action/dist/index.js by `npm run build:action`). */
import { runAction } from './main.js';

process.exitCode = await runAction({ env: process.env, stdout: (text) => void process.stdout.write(text) });
