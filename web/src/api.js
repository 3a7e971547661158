// The JSON API of `allegiance serve`. Every call goes through `request`, which
// adds the bearer token from the settings and turns an error answer into an
// Error whose message is the server's `detail`.

const TOKEN_KEY = "allegiance.token";
const REVIEWER_KEY = "allegiance.reviewer";

export const settings = {
  get token() { return localStorage.getItem(TOKEN_KEY) || ""; },
  set token(value) { setOrClear(TOKEN_KEY, value); },
  get reviewer() { return localStorage.getItem(REVIEWER_KEY) || ""; },
  set reviewer(value) { setOrClear(REVIEWER_KEY, value); },
};

function setOrClear(key, value) {
  if (value) localStorage.setItem(key, value);
  else localStorage.removeItem(key);
}

export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

/** "/api/network?at=2014-08": skips empty parameters, repeats arrays. */
export function apiUrl(path, params = {}) {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === null || value === undefined || value === "") continue;
    for (const item of Array.isArray(value) ? value : [value]) query.append(key, String(item));
  }
  const text = query.toString();
  return `api/${path}${text ? `?${text}` : ""}`;
}

function headers(extra = {}) {
  const result = { Accept: "application/json", ...extra };
  if (settings.token) result.Authorization = `Bearer ${settings.token}`;
  return result;
}

async function failure(response) {
  let message = `${response.status} ${response.statusText}`;
  try {
    const body = await response.json();
    if (typeof body.detail === "string") message = body.detail;
    else if (Array.isArray(body.detail)) {
      message = body.detail.map((item) => item.msg || JSON.stringify(item)).join("; ");
    }
  } catch {
    // not JSON: keep the status line
  }
  if (response.status === 401 || response.status === 403) {
    message += " (set the access token under Settings)";
  }
  return new ApiError(response.status, message);
}

export async function request(path, params = {}, init = {}) {
  const response = await fetch(apiUrl(path, params), {
    ...init,
    headers: headers(init.headers),
  });
  if (!response.ok) throw await failure(response);
  return response;
}

async function getJson(path, params) {
  return (await request(path, params)).json();
}

/** Time parameters for the current slider position: {at} or {from, to}. */
export function timeParams(time) {
  if (!time) return {};
  if (time.mode === "window") return { from: time.from, to: time.to };
  return { at: time.at };
}

export const api = {
  meta: () => getJson("meta"),
  network: (params) => getJson("network", params),
  actor: (id, params = {}) => getJson(`actors/${encodeURIComponent(id)}`, params),
  pair: (a, b, params = {}) => getJson("pair", { a, b, ...params }),
  shifts: (params = {}) => getJson("shifts", params),
  changes: (params = {}) => getJson("changes", params),
  search: (q) => getJson("search", { q }),
  claim: (id) => getJson(`claims/${encodeURIComponent(id)}`),
  document: (id) => getJson(`documents/${encodeURIComponent(id)}`),
  places: (params = {}) => getJson("places", params),
  review: async (id, action, note) => {
    const body = { action, note: note || null, reviewer: settings.reviewer || null };
    const response = await request(`claims/${encodeURIComponent(id)}/review`, {}, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body),
    });
    return response.json();
  },
  /** The export file as a Blob, with the file name the server suggests. */
  exportFile: async (format, params) => {
    const response = await request("export", { format, ...params });
    const disposition = response.headers.get("Content-Disposition") || "";
    const match = /filename="?([^";]+)"?/.exec(disposition);
    return { blob: await response.blob(), name: match ? match[1] : `allegiance.${format}` };
  },
};
