import { createEmulator } from './src/emulator/index.js';
const em = await createEmulator();
em.createRepo({ owner: 'a', name: 'r', files: { 'x': 'y' } });
const id = em.installApp({ owner: 'a', repos: ['r'] });
const tok = em.createInstallationToken(id);
let t = Date.now();
for (let i = 0; i < 200; i++) { const r = await fetch(`${em.url}/repos/a/r`, { headers: { authorization: `token ${tok}` } }); await r.arrayBuffer(); }
console.log('fetch GET', (Date.now() - t) / 200, 'ms');
t = Date.now();
for (let i = 0; i < 200; i++) { const r = await fetch(`${em.url}/rate_limit`); await r.arrayBuffer(); }
console.log('fetch rate_limit', (Date.now() - t) / 200, 'ms');
t = Date.now();
for (let i = 0; i < 200; i++) { const r = await fetch(`${em.url}/nope`); await r.arrayBuffer(); }
console.log('fetch 404', (Date.now() - t) / 200, 'ms');
await em.close();
