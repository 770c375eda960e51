// The console's only way to the server: the public REST API under /api, with the signed-in
// user's Basic credentials. Errors come back as application/problem+json and are thrown as
// ApiError with the server's own detail.

const KEY = 'atlas.console.auth';

export class ApiError extends Error {
  constructor(status, title, detail) {
    super(detail || title || `HTTP ${status}`);
    this.status = status;
    this.title = title;
  }
}

export function signedIn() {
  return sessionStorage.getItem(KEY) !== null;
}

export function remember(user, password) {
  const bytes = new TextEncoder().encode(`${user}:${password}`);
  sessionStorage.setItem(KEY, 'Basic ' + btoa(String.fromCharCode(...bytes)));
}

export function forget() {
  sessionStorage.removeItem(KEY);
}

/** fetch with the credentials; 'omit' keeps the browser from showing its own sign-in dialog. */
export async function api(path, { method = 'GET', body, signal } = {}) {
  const headers = { Accept: 'application/json, application/problem+json, text/plain' };
  const auth = sessionStorage.getItem(KEY);
  if (auth) headers.Authorization = auth;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch('../api' + path, {
    method, headers, signal, credentials: 'omit',
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  const json = (response.headers.get('Content-Type') || '').includes('json');
  const data = text && json ? JSON.parse(text) : (text || null);
  if (!response.ok) {
    throw new ApiError(response.status, json && data ? data.title : null, json && data ? data.detail : null);
  }
  return data;
}

/** A query string from an object, skipping empty values. */
export function query(params) {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v !== undefined && v !== null && v !== '') search.set(k, v);
  }
  const text = search.toString();
  return text ? '?' + text : '';
}
