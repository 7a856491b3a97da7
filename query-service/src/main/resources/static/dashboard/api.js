// Every request of the dashboard: reads, and commands relayed by this origin to the command-service
// as the signed-in person. No credential is readable here: the session cookie is HttpOnly, and
// the CSRF token (meant to be read) only proves that a request comes from this page.

/** X-Requested-With keeps the browser's password dialog away from a 401. */
export const REQUEST_HEADERS = { Accept: "application/json", "X-Requested-With": "fetch" };

export class HttpError extends Error {
  constructor(status, problem, headers) {
    super(`${status}`);
    this.status = status;
    this.problem = problem;
    this.headers = headers;
  }
}

/** The CSRF token that the service set in the XSRF-TOKEN cookie; unsafe requests send it back in a header. */
export function csrfHeaders() {
  const cookie = document.cookie.split("; ").find((c) => c.startsWith("XSRF-TOKEN="));
  return cookie ? { "X-XSRF-TOKEN": decodeURIComponent(cookie.substring("XSRF-TOKEN=".length)) } : {};
}

/** Where the page was when its session ended, so that signing in again comes back there. */
const RETURN_TO = "ledger-return-to";
let beforeSigningInAgain = null;

/** What to keep when the session turns out to have ended: the form being sent (null: nothing). */
export function keepOnSigningInAgain(callback) {
  beforeSigningInAgain = callback;
}

/**
 * A signed-out session (expired, or signed out in another tab) goes back to the sign-in page,
 * remembering in this tab's session storage the page, and what `keepOnSigningInAgain` keeps.
 */
export function signInAgainOn401(response) {
  if (response.status !== 401) return;
  sessionStorage.setItem(RETURN_TO, location.hash);
  beforeSigningInAgain?.();
  location.assign("/login");
}

/** The page to come back to after signing in again, once. */
export function takeReturnTo() {
  const hash = sessionStorage.getItem(RETURN_TO);
  sessionStorage.removeItem(RETURN_TO);
  return hash;
}

export async function problemOf(response) {
  try { return await response.json(); } catch { return null; }
}

export async function getJson(url) {
  let response;
  try {
    response = await fetch(url, { headers: REQUEST_HEADERS });
  } catch {
    throw new HttpError(0, null);
  }
  signInAgainOn401(response);
  if (!response.ok) throw new HttpError(response.status, await problemOf(response), response.headers);
  return response.json();
}

export async function post(url, body, headers = {}) {
  let response;
  try {
    response = await fetch(url, {
      method: "POST",
      headers: { ...REQUEST_HEADERS, ...csrfHeaders(), ...(body === undefined ? {} : { "Content-Type": "application/json" }), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new HttpError(0, null);
  }
  signInAgainOn401(response);
  if (!response.ok) throw new HttpError(response.status, await problemOf(response), response.headers);
  return response.status === 204 ? null : response.json().catch(() => null);
}

/** Replaces a setting (PUT with a JSON body); answers what the service stored. */
export async function put(url, body) {
  let response;
  try {
    response = await fetch(url, {
      method: "PUT",
      headers: { ...REQUEST_HEADERS, ...csrfHeaders(), "Content-Type": "application/json" },
      body: JSON.stringify(body),
    });
  } catch {
    throw new HttpError(0, null);
  }
  signInAgainOn401(response);
  if (!response.ok) throw new HttpError(response.status, await problemOf(response), response.headers);
  return response.json();
}

/**
 * A command, sent with the version the person saw (If-Match): someone else's action in between
 * is a 412, never silently overwritten. Answers `{ relationshipId, stage, version }`.
 */
export function command(path, body, version) {
  return post(path, body, present(version) ? { "If-Match": `"${version}"` } : {});
}

const present = (v) => v !== null && v !== undefined;

let who = null;

/**
 * The signed-in person: `{ username, roles, personId, programmes }`, as the page was served with
 * it (the same as GET /api/me answers), else asked of /api/me.
 */
export async function me() {
  if (!who) {
    const served = document.querySelector('meta[name="caller"]')?.content;
    who = served ? JSON.parse(served) : await getJson("/api/me");
    who.roles = who.roles || [];
    who.programmes = who.programmes || [];
  }
  return who;
}

export const isAdmin = (user) => user.roles.includes("ADMIN");
export const isOrganiser = (user) => user.roles.includes("ORGANISER");
