// The sign-in page: its texts in the chosen language (from the same i18n.js as the dashboard) and
// the answer of the last attempt (?error) or of signing out (?logout). The form itself posts to
// Spring Security without any script.
import { LANGUAGES } from "./i18n.js";
import { t, lang, setLanguage } from "./locale.js";

function render() {
  const query = new URLSearchParams(location.search);
  document.documentElement.lang = lang;
  document.title = `${t.login.heading} · ${t.title}`;
  document.getElementById("brand").textContent = t.title;
  document.getElementById("language-label").textContent = t.language;
  document.getElementById("sign-in-heading").textContent = t.login.heading;
  document.getElementById("sign-in-help").textContent = t.login.help;
  document.getElementById("username-label").textContent = t.login.username;
  document.getElementById("password-label").textContent = t.login.password;
  document.getElementById("sign-in").textContent = t.login.submit;
  for (const link of document.querySelectorAll("#providers a[data-provider]")) {
    link.textContent = t.login.withProvider(link.dataset.provider);
  }
  const message = document.getElementById("sign-in-message");
  const failed = query.has("error");
  message.hidden = !failed && !query.has("logout");
  message.textContent = failed ? t.login.error : query.has("logout") ? t.login.logout : "";
  message.className = failed ? "notice error" : "notice success";
  message.setAttribute("role", failed ? "alert" : "status");
  const username = document.getElementById("username");
  if (failed) username.setAttribute("aria-describedby", "sign-in-message"); else username.removeAttribute("aria-describedby");
  const select = document.getElementById("language");
  select.replaceChildren(...Object.entries(LANGUAGES).map(([code, name]) => {
    const option = document.createElement("option");
    option.value = code;
    option.lang = code;
    option.selected = code === lang;
    option.textContent = name;
    return option;
  }));
}

document.getElementById("language").addEventListener("change", (e) => {
  if (setLanguage(e.target.value)) {
    render();
    document.getElementById("language").focus();
  }
});
render();
document.body.dataset.ready = "true";
