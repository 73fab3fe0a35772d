// api.js: requests to landcat's own API, relative to the page so that the
// map also works behind a path prefix. Errors carry the problem+json
// detail (RFC 9457) for the page to show.

// base is the API root: the directory of /map.
export const base = new URL('./', window.location.href);

export function url(path) {
  return new URL(path, base).href;
}

export class ApiError extends Error {
  constructor(status, title, detail, problems, path) {
    super(detail || title || `HTTP ${status}`);
    this.status = status;
    this.title = title;
    this.detail = detail;
    this.problems = problems || [];
    this.path = path;
  }
}

const cache = new Map();

// getJSON fetches path; with cached, equal paths share one request.
export function getJSON(path, { cached = false } = {}) {
  if (cached && cache.has(path)) return cache.get(path);
  const p = request(path, { headers: { Accept: 'application/geo+json, application/json;q=0.9' } });
  if (cached) {
    cache.set(path, p);
    p.catch(() => cache.delete(path));
  }
  return p;
}

export function postJSON(path, body) {
  return request(path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify(body),
  });
}

async function request(path, init) {
  let res;
  try {
    res = await fetch(url(path), init);
  } catch (err) {
    throw new ApiError(0, 'Network error', err.message, [], path);
  }
  if (!res.ok) {
    let body = null;
    try {
      body = await res.json();
    } catch {
      // not JSON: keep the status line
    }
    throw new ApiError(res.status, body?.title || res.statusText, body?.detail, body?.errors, path);
  }
  return res.json();
}
