// The figures of a page as CSV text (RFC 4180), written as the service's own CSV is.

/**
 * One line per row, CRLF-terminated. Text that a spreadsheet would run as a formula (starting with
 * = + - @, a tab or a CR) gets a leading apostrophe; a cell holding a comma, quote or line break
 * is quoted. Numbers are written as they are, negative ones too.
 */
export function csvText(header, rows) {
  const escape = (v) => {
    const raw = v !== null && v !== undefined ? String(v) : "";
    const s = typeof v === "string" && /^[=+\-@\t\r]/.test(raw) ? `'${raw}` : raw;
    return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
  };
  return [header, ...rows].map((r) => r.map(escape).join(",")).join("\r\n") + "\r\n";
}
