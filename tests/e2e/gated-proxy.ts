// A reverse proxy in front of the demo server that lets a test hold back the SSE body of
// /api/chat after a number of events, then release the rest: the browser only ever sees what the
// real server wrote, and only as fast as the test allows.
import { createServer, request, type Server } from 'node:http';

export interface GatedProxy {
	url: string;
	/** Resolves once `count` events of the chat answer have been passed to the browser. */
	passed(count: number): Promise<void>;
	/** Bytes the server has written that the proxy is holding back. */
	heldBytes(): number;
	/** Sends what is held and everything after it. */
	release(): void;
	close(): Promise<void>;
}

export function startGatedProxy(target: string, holdAfterEvents: number): Promise<GatedProxy> {
	let held: Buffer[] = [];
	let released = false;
	let flushHeld: (() => void) | null = null;
	let passedEvents = 0;
	const waiters: Array<{ count: number; resolve: () => void }> = [];
	const notify = () => {
		for (const w of waiters.filter((w) => passedEvents >= w.count)) {
			waiters.splice(waiters.indexOf(w), 1);
			w.resolve();
		}
	};

	const server: Server = createServer((req, res) => {
		const upstream = request(
			new URL(req.url ?? '/', target),
			{ method: req.method, headers: { ...req.headers, host: new URL(target).host } },
			(upstreamRes) => {
				res.writeHead(upstreamRes.statusCode ?? 502, upstreamRes.headers);
				const gated = req.url?.startsWith('/api/chat') && req.method === 'POST';
				if (!gated) return void upstreamRes.pipe(res);
				flushHeld = () => {
					for (const chunk of held) res.write(chunk);
					held = [];
				};
				upstreamRes.on('data', (chunk: Buffer) => {
					if (released || passedEvents < holdAfterEvents) {
						// Pass whole events one at a time until the gate closes.
						const text = chunk.toString('utf8');
						const events = text.split('\n\n').length - 1;
						if (released || passedEvents + events <= holdAfterEvents) {
							res.write(chunk);
							passedEvents += events;
							notify();
							return;
						}
					}
					held.push(chunk);
				});
				upstreamRes.on('end', () => {
					const finish = () => res.end();
					if (released) finish();
					else {
						const previous = flushHeld;
						flushHeld = () => {
							previous?.();
							finish();
						};
					}
				});
			}
		);
		req.pipe(upstream);
	});

	return new Promise((resolve) => {
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address() as { port: number };
			resolve({
				url: `http://127.0.0.1:${port}`,
				passed: (count) =>
					new Promise((done) => {
						waiters.push({ count, resolve: done });
						notify();
					}),
				heldBytes: () => held.reduce((n, b) => n + b.length, 0),
				release() {
					released = true;
					flushHeld?.();
				},
				close: () =>
					new Promise((done) => {
						server.closeAllConnections();
						server.close(() => done());
					})
			});
		});
	});
}
