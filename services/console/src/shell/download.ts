import { request, type RequestOptions } from '../api/http';

/** Saves text as a file the browser downloads. */
export function saveFile(name: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  URL.revokeObjectURL(url);
}

/** Fetches a file from the API (with the user's token) and saves it. */
export async function downloadFromApi(
  path: string,
  query: RequestOptions['query'],
  name: string,
  accept: string,
): Promise<string> {
  const reply = await request<string>(path, { query, accept });
  const text = typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
  saveFile(name, text, accept);
  return text;
}
