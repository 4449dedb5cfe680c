/* Behaviour of every page, kept out of the HTML so that the Content-Security-Policy allows no inline script.
   - A <select data-autosubmit> sends its form when its value changes (the language switch; without
     JavaScript its form has a button). */
(function () {
  "use strict";
  document.addEventListener("change", function (event) {
    var field = event.target;
    if (field instanceof HTMLSelectElement && field.hasAttribute("data-autosubmit") && field.form) {
      field.form.requestSubmit ? field.form.requestSubmit() : field.form.submit();
    }
  });
})();
