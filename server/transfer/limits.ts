/**
 * Size limits for imports, read from the environment:
 *   IMPORT_MAX_BYTES      uploads through GraphQL (the file before base64), default 50 MB
 *   IMPORT_CLI_MAX_BYTES  files given to `npm run import`, default 2 GB (the CLI streams CSV and XLSX)
 *   IMPORT_SQLITE_CACHE   SQLite page cache while a large import runs, default 64 MB
 */
export interface ImportLimits {
  graphqlBytes: number;
  cliBytes: number;
  sqliteCacheBytes: number;
}

function bytes(env: string | undefined, name: string, fallback: number): number {
  if (env == null || env.trim() === '') return fallback;
  const m = /^(\d+(?:\.\d+)?)\s*(k|kb|m|mb|g|gb)?$/i.exec(env.trim());
  if (!m) throw new Error(`${name} "${env}" is not a size: use bytes or a number with KB, MB or GB`);
  const unit = { k: 1024, kb: 1024, m: 1024 ** 2, mb: 1024 ** 2, g: 1024 ** 3, gb: 1024 ** 3 }[(m[2] ?? '').toLowerCase() as 'k'] ?? 1;
  return Math.floor(Number(m[1]) * unit);
}

export function importLimits(env: NodeJS.ProcessEnv = process.env): ImportLimits {
  return {
    graphqlBytes: bytes(env.IMPORT_MAX_BYTES, 'IMPORT_MAX_BYTES', 50 * 1024 ** 2),
    cliBytes: bytes(env.IMPORT_CLI_MAX_BYTES, 'IMPORT_CLI_MAX_BYTES', 2 * 1024 ** 3),
    sqliteCacheBytes: bytes(env.IMPORT_SQLITE_CACHE, 'IMPORT_SQLITE_CACHE', 64 * 1024 ** 2),
  };
}
