const ERROR_EXCERPT_BYTES = 2048;
const ERROR_EXCERPT_CHARS = 200;

/** The start of an error response's body, read without waiting for the whole of a large one. */
export async function readExcerpt(response: Response): Promise<string> {
	if (!response.body) return '';
	const reader = response.body.getReader();
	const decoder = new TextDecoder();
	let text = '';
	let bytes = 0;
	try {
		while (bytes < ERROR_EXCERPT_BYTES) {
			const { done, value } = await reader.read();
			if (done) break;
			bytes += value.byteLength;
			text += decoder.decode(value, { stream: true });
		}
	} catch {
		// The excerpt is a courtesy; the status already says what went wrong.
	} finally {
		reader.cancel().catch(() => {});
	}
	text = text.replace(/\s+/g, ' ').trim();
	return text.length > ERROR_EXCERPT_CHARS ? `${text.slice(0, ERROR_EXCERPT_CHARS)}…` : text;
}
