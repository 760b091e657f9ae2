// DX Desk web desk: small progressive enhancement (own work, MIT like the rest of DX Desk).
// Without this script every form still works by a normal POST and a page reload.
(function () {
  "use strict";
  var FETCH = "X-DXDesk-Fetch";

  function log() { return document.getElementById("log"); }
  function composer() { return document.getElementById("text"); }
  function status(text) {
    var el = document.getElementById("status");
    if (el) { el.textContent = text || ""; }
  }
  function toEnd() {
    var end = document.getElementById("end");
    if (end && end.scrollIntoView) { end.scrollIntoView({block: "end"}); }
  }

  // Turns from the server (escaped there): each replaces the turn with its id, or is added at the end.
  function place(html) {
    var fresh = document.createElement("ol");
    fresh.innerHTML = html;
    Array.prototype.slice.call(fresh.children).forEach(function (turn) {
      var old = turn.id && document.getElementById(turn.id);
      if (old) { old.replaceWith(turn); } else { log().appendChild(turn); }
    });
    var empty = log().querySelector("li.empty");
    if (empty && log().children.length > 1) { empty.remove(); }
  }

  // A reminder that arrives while the page is open shows up within a minute.
  function lastTurn() {
    var turns = log().querySelectorAll("li[id^=t]");
    return turns.length ? parseInt(turns[turns.length - 1].id.slice(1), 10) : 0;
  }
  function poll() {
    if (!log() || !window.fetch || document.visibilityState !== "visible") { return; }
    var headers = {};
    headers[FETCH] = "1";
    fetch("/log?after=" + lastTurn(), {headers: headers, credentials: "same-origin"})
      .then(function (response) { return response.status === 200 ? response.text() : ""; })
      .then(function (html) { if (html) { place(html); } })
      .catch(function () {});
  }
  window.setInterval(poll, 60000);

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.hasAttribute("data-async") || !log() || !window.fetch) { return; }
    event.preventDefault();
    var data = new FormData(form, event.submitter || undefined);
    var body = new URLSearchParams();
    data.forEach(function (value, key) { body.append(key, value); });
    var buttons = form.querySelectorAll("button");
    buttons.forEach(function (b) { b.disabled = true; });
    status("");
    var headers = {"Content-Type": "application/x-www-form-urlencoded;charset=UTF-8"};
    headers[FETCH] = "1";
    fetch(form.action, {method: "POST", body: body.toString(), headers: headers, credentials: "same-origin"})
      .then(function (response) {
        return response.text().then(function (text) { return {ok: response.ok, text: text}; });
      })
      .then(function (result) {
        buttons.forEach(function (b) { b.disabled = false; });
        if (!result.ok) { status(result.text); return; }
        place(result.text);
        if (form.id === "composer") { composer().value = ""; }
        toEnd();
        if (composer()) { composer().focus({preventScroll: true}); }
      })
      .catch(function () {
        buttons.forEach(function (b) { b.disabled = false; });
        // No answer over fetch: post the ordinary way (keeping the pressed button's value).
        if (event.submitter && event.submitter.name) {
          var hidden = document.createElement("input");
          hidden.type = "hidden"; hidden.name = event.submitter.name; hidden.value = event.submitter.value;
          form.appendChild(hidden);
        }
        form.removeAttribute("data-async");
        form.submit();
      });
  });

  document.addEventListener("keydown", function (event) {
    var box = composer();
    if (event.target !== box || event.key !== "Enter" || event.shiftKey || event.isComposing) { return; }
    event.preventDefault();
    if (box.value.trim()) { box.form.requestSubmit(); }
  });

  document.addEventListener("DOMContentLoaded", function () {
    if (log()) { toEnd(); }
    if (composer() && !window.location.hash.match(/^#t\d+$/)) { composer().focus({preventScroll: true}); }
  });
})();
