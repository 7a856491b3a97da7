// Dates and numbers in the chosen language, and the date fields' own format: Chromium's native
// date input follows the browser's locale, not the page's, so dates are typed as text.
import { lang, t } from "./locale.js";
import { h, present } from "./dom.js";

export function fmtNumber(n, digits = 1) {
  return present(n) ? new Intl.NumberFormat(lang, { maximumFractionDigits: digits }).format(n) : "–";
}
export function fmtRate(n) {
  return present(n) ? new Intl.NumberFormat(lang, { style: "percent", maximumFractionDigits: 1 }).format(n) : "–";
}
export function fmtDate(iso) {
  if (!iso) return "–";
  const [y, m, d] = iso.split("-").map(Number);
  return new Intl.DateTimeFormat(lang, { dateStyle: "medium", timeZone: "UTC" }).format(new Date(Date.UTC(y, m - 1, d)));
}
export function fmtInstant(iso) {
  return iso ? new Intl.DateTimeFormat(lang, { dateStyle: "medium", timeStyle: "short" }).format(new Date(iso)) : "–";
}
/** A date as a <time> element: readable text for people, ISO for machines. */
export function time(iso, format = fmtDate) {
  return iso ? h("time", { datetime: iso }, format(iso)) : "–";
}

/**
 * How a date is typed in each language: Finnish d.M.yyyy (1.3.2026), Swedish yyyy-MM-dd
 * (2026-03-01), English d/M/yyyy (1/3/2026). ISO yyyy-MM-dd is understood in every language.
 */
const DATE_INPUT = {
  fi: { pattern: /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/, order: "dmy", show: (y, m, d) => `${d}.${m}.${y}` },
  sv: { pattern: /^(\d{4})-(\d{1,2})-(\d{1,2})$/, order: "ymd", show: (y, m, d) => `${y}-${pad(m)}-${pad(d)}` },
  en: { pattern: /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/, order: "dmy", show: (y, m, d) => `${d}/${m}/${y}` },
};
const pad = (n) => String(n).padStart(2, "0");

/** Today in the browser's time zone, as ISO. */
export function todayIso() {
  const now = new Date();
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** An ISO date as the chosen language types it. */
export function dateForInput(iso) {
  if (!iso) return "";
  const [y, m, d] = iso.split("-").map(Number);
  return (DATE_INPUT[lang] ?? DATE_INPUT.en).show(y, m, d);
}

/** Reads a typed date: `{ iso }`, `{ empty: true }`, or `{ error }` in the chosen language. */
export function parseDateInput(text) {
  const s = (text || "").trim();
  if (!s) return { empty: true };
  const format = DATE_INPUT[lang] ?? DATE_INPUT.en;
  let y, m, d;
  let match = s.match(format.pattern);
  if (match) {
    [y, m, d] = format.order === "ymd" ? [match[1], match[2], match[3]] : [match[3], match[2], match[1]];
  } else if ((match = s.match(/^(\d{4})-(\d{1,2})-(\d{1,2})$/))) {
    [y, m, d] = [match[1], match[2], match[3]];
  } else {
    return { error: t.form.dateFormat(t.form.dateHint) };
  }
  [y, m, d] = [Number(y), Number(m), Number(d)];
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) {
    return { error: t.form.dateNotReal };
  }
  return { iso: `${y}-${pad(m)}-${pad(d)}` };
}
