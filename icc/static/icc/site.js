/* Behaviour of every page, kept out of the HTML so that the Content-Security-Policy allows no inline script.
   - A <select data-autosubmit> sends its form when its value changes (the language switch; without
     JavaScript its form has a button).
   - An error summary (core/_form_errors.html) takes focus when the page loads, and each of its links moves
     focus to its field, not only the scroll position. */
(function () {
  "use strict";
  document.addEventListener("change", function (event) {
    var field = event.target;
    if (field instanceof HTMLSelectElement && field.hasAttribute("data-autosubmit") && field.form) {
      field.form.requestSubmit ? field.form.requestSubmit() : field.form.submit();
    }
  });
  document.addEventListener("click", function (event) {
    var link = event.target instanceof Element ? event.target.closest("a[data-error-link]") : null;
    var field = link && document.getElementById(link.getAttribute("data-error-link"));
    if (field) {
      event.preventDefault();
      field.scrollIntoView({ block: "center" });
      field.focus();
    }
  });
  document.addEventListener("DOMContentLoaded", function () {
    var summary = document.querySelector("[data-error-summary]");
    if (summary) {
      summary.focus();
    }
  });
})();
