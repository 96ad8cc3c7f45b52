// co-gateway console: sends the page's actions to the JSON API with the session's CSRF token, and
// shows every time in UTC and in the browser's own zone. No framework, nothing loaded from elsewhere.
"use strict";

const csrf = () => (document.querySelector('meta[name="csrf"]') || {}).content || "";

function say(text, bad) {
  const status = document.getElementById("status");
  if (status) {
    status.textContent = text;
    status.className = bad ? "bad" : "";
  }
}

async function call(method, url, body) {
  const headers = {"X-CSRF-Token": csrf()};
  if (body !== undefined) {
    headers["Content-Type"] = "application/json";
  }
  const response = await fetch(url, {method, headers, credentials: "same-origin",
    body: body === undefined ? undefined : JSON.stringify(body)});
  const text = await response.text();
  let json = {};
  try { json = text ? JSON.parse(text) : {}; } catch (e) { json = {error: text}; }
  return {ok: response.ok, status: response.status, json};
}

function after(then, result) {
  if (!result.ok) {
    say(result.json.error || ("HTTP " + result.status), true);
  } else if (then === "reload") {
    location.reload();
  } else if (then === "show") {
    say(JSON.stringify(result.json));
  } else if (then) {
    location.href = then;
  }
}

function localTimes() {
  for (const t of document.querySelectorAll("time[datetime]")) {
    const d = new Date(t.getAttribute("datetime"));
    if (isNaN(d)) continue;
    const utc = d.toISOString().replace("T", " ").replace(/\.\d+Z$/, "Z").replace("Z", " UTC");
    t.textContent = utc;
    const local = document.createElement("span");
    local.className = "local";
    local.textContent = " (" + d.toLocaleString() + " " + Intl.DateTimeFormat().resolvedOptions().timeZone + ")";
    t.after(local);
  }
}

document.addEventListener("DOMContentLoaded", () => {
  localTimes();
  for (const b of document.querySelectorAll("[data-post]")) {
    b.addEventListener("click", async () => {
      b.disabled = true;
      after(b.dataset.then, await call("POST", b.dataset.post, {}));
      b.disabled = false;
    });
  }
  for (const b of document.querySelectorAll("[data-delete]")) {
    b.addEventListener("click", async () => after(b.dataset.then, await call("DELETE", b.dataset.delete)));
  }
  const login = document.getElementById("login-form");
  if (login) {
    login.addEventListener("submit", async (e) => {
      e.preventDefault();
      const r = await call("POST", "/api/v1/login", {user: login.user.value, password: login.password.value});
      if (r.ok) {
        location.href = "/console";
      } else {
        document.getElementById("login-error").textContent = r.json.error || ("HTTP " + r.status);
      }
    });
  }
  const addUser = document.getElementById("add-user");
  if (addUser) {
    addUser.addEventListener("submit", async (e) => {
      e.preventDefault();
      after("reload", await call("POST", "/api/v1/users",
        {name: addUser.name.value, role: addUser.role.value, password: addUser.password.value}));
    });
  }
  const search = document.querySelector("[data-timeline-search]");
  if (search) {
    search.addEventListener("submit", (e) => {
      e.preventDefault();
      location.href = "/console/cos/" + encodeURIComponent(search.number.value.trim());
    });
  }
});
