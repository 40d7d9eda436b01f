import { Module } from '@nestjs/common';
import { ServeStaticModule } from '@nestjs/serve-static';
import { existsSync } from 'node:fs';
import * as path from 'node:path';

/** The project folder: the nearest one up from here with a package.json (from src/ or dist/src/). */
function projectRoot(from = __dirname): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) return process.cwd();
  }
}

/** Where `vite build` puts the web UI (see src/web/build.mjs); never src/web itself. */
export const CLIENT_ROOT = path.join(projectRoot(), 'dist', 'client');

/**
 * The staff web UI (src/web), built into dist/client and served by the same process: hashed assets
 * cached for a year, index.html never cached, and every other GET outside /api and /assets answered
 * with index.html (vue-router's history mode).
 */
@Module({
  imports: [
    ServeStaticModule.forRoot({
      rootPath: CLIENT_ROOT,
      exclude: ['/api/{*path}', '/assets/{*path}', '/health'],
      serveStaticOptions: {
        index: false,
        fallthrough: true,
        setHeaders: (res, file) => {
          if (file.endsWith('.html')) res.setHeader('Cache-Control', 'no-cache');
          else if (file.includes(`${path.sep}assets${path.sep}`)) res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
        },
      },
    }),
  ],
})
export class WebModule {}
