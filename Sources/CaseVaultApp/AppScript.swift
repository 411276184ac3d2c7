/// The one script the app serves (`/static/app.js`). Everything works
/// without it; it only adds copy and print buttons and upload progress; when the vault
/// locks, each page's own refresh (no script) clears it. No inline script anywhere:
/// the CSP allows scripts from 'self' only.
enum AppScript {
    static let js = #"""
"use strict";
(function () {
  // Copy buttons: <button data-copy="ID"> copies the text of element #ID.
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-copy]");
    if (!button) return;
    var source = document.getElementById(button.getAttribute("data-copy"));
    if (!source || !navigator.clipboard) return;
    navigator.clipboard.writeText(source.textContent.trim()).then(function () {
      var old = button.textContent;
      button.textContent = "Copied";
      setTimeout(function () { button.textContent = old; }, 2000);
    });
  });
  document.querySelectorAll("[data-copy]").forEach(function (b) { b.hidden = false; });

  // Print buttons: <button data-print hidden> prints the page (the print
  // stylesheet drops navigation and buttons); without script, the browser's
  // own Print does the same.
  document.querySelectorAll("[data-print]").forEach(function (b) {
    b.hidden = false;
    b.addEventListener("click", function () { window.print(); });
  });

  // Upload progress: a form with data-progress="ID" posts with XMLHttpRequest
  // and fills <progress id="ID">; the server's answer replaces the page.
  document.querySelectorAll("form[data-progress]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      var bar = document.getElementById(form.getAttribute("data-progress"));
      if (!bar || !window.XMLHttpRequest || !window.FormData) return;
      event.preventDefault();
      var request = new XMLHttpRequest();
      request.open("POST", form.action);
      bar.hidden = false;
      request.upload.addEventListener("progress", function (e) {
        if (e.lengthComputable) { bar.max = e.total; bar.value = e.loaded; }
      });
      request.addEventListener("load", function () {
        if (request.status === 200 && request.responseURL && request.responseURL !== form.action) {
          // Redirected to the result page: load it as a normal page.
          window.location.assign(request.responseURL);
        } else {
          // An error page: show it in place (it is our own escaped HTML).
          var doc = new DOMParser().parseFromString(request.responseText, "text/html");
          document.title = doc.title;
          document.body.innerHTML = doc.body.innerHTML;
        }
      });
      request.addEventListener("error", function () { bar.hidden = true; form.submit(); });
      request.send(new FormData(form));
    });
  });
})();
"""#
}
