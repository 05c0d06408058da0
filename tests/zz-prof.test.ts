import { it } from 'vitest';
import { createApp } from '../server/app';
import type { Em } from '../server/orm';
import { selectRows } from '../server/db/sql';
import { freshDatabase } from './helpers';

it('prof', async () => {
  const fresh = await freshDatabase();
  const hub = await createApp({ database: fresh.database, seedOnEmpty: false });
  const em = hub.orm.em.fork() as Em;
  const bytes = Buffer.alloc(20 * 1024 * 1024, 0x41);
  let t = performance.now();
  await em.begin();
  await selectRows(em, 'insert into evidence_file (sha256, size, bytes, created_at) values (?, ?, ?, ?) on conflict (sha256) do update set bytes = excluded.bytes returning sha256', ['x', bytes.length, bytes, new Date()]);
  await em.commit();
  console.log('PROF insert', (performance.now() - t).toFixed(0));
  for (let i = 0; i < 3; i++) {
    t = performance.now();
    const [row] = await selectRows<{ bytes: Buffer }>(em, 'select bytes from evidence_file where sha256 = ?', ['x']);
    console.log('PROF select', (performance.now() - t).toFixed(0), row.bytes.length);
  }
  await hub.close();
  await fresh.drop();
}, 120_000);
