// The chosen language and its texts. Modules import `lang` and `t` as live bindings, so a switch
// of language reaches every view at its next render.
import { TEXT } from "./i18n.js";

export let lang = chooseLanguage();
export let t = TEXT[lang];

function chooseLanguage() {
  const saved = localStorage.getItem("lang");
  if (saved && TEXT[saved]) return saved;
  const served = document.documentElement.lang; // from Accept-Language, set by the server
  return TEXT[served] ? served : "en";
}

export function setLanguage(code) {
  if (!TEXT[code]) return false;
  lang = code;
  t = TEXT[code];
  localStorage.setItem("lang", code);
  document.documentElement.lang = code;
  return true;
}
