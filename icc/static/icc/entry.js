/* The safety net of the Index data-entry page (htmx does the saving).
   - When a save fails (connection lost, no longer allowed, signed out), the question's status line says so.
   - Leaving the page while a change is not yet saved asks for confirmation.
   The messages are translated on the server: data attributes of #entry-messages. */
(function () {
  "use strict";
  var unsaved = {};  // question block id -> number of changes made since the last confirmed save
  var sent = {};     // question block id -> that number when the last save was sent
  var invalid = {};  // question block id -> name of the input its last save refused ("" if none)

  function blockOf(elt) {
    return elt && elt.closest ? elt.closest(".question") : null;
  }

  function say(elt, key) {
    var block = blockOf(elt);
    var box = document.getElementById("entry-messages");
    if (!block || !box) return;
    var status = document.getElementById(block.id + "-status");
    if (!status) return;
    var span = document.createElement("span");
    span.className = "status-error";
    span.textContent = box.dataset[key] || box.dataset.error || "";
    status.replaceChildren(span);
  }

  // The input a refused save was about (a link that is not a web address...) is marked invalid; its
  // text stays as typed and the status line, which it refers to, says what to fix.
  function flag(block, name) {
    var form = block.querySelector("form.answer-form");
    if (!form) return;
    form.querySelectorAll("[aria-invalid]").forEach(function (input) {
      input.removeAttribute("aria-invalid");
    });
    if (!name) return;
    form.querySelectorAll("[name='" + name + "']").forEach(function (input) {
      input.setAttribute("aria-invalid", "true");
    });
  }

  document.addEventListener("input", function (event) {
    var form = event.target.form;
    var block = blockOf(event.target);
    if (block && form && form.classList.contains("answer-form")) {
      unsaved[block.id] = (unsaved[block.id] || 0) + 1;
    }
  });

  document.addEventListener("htmx:beforeRequest", function (event) {
    var block = blockOf(event.detail.elt);
    if (block) sent[block.id] = unsaved[block.id] || 0;
  });

  document.addEventListener("htmx:beforeSwap", function (event) {
    var xhr = event.detail.xhr;
    if (xhr && xhr.responseURL && xhr.responseURL.indexOf("/accounts/login") !== -1) {
      event.detail.shouldSwap = false;  // the sign-in page must not replace a question
    }
  });

  // Before htmx handles the response: an HX-Refresh reloads the page right away, and must not be
  // held up by the "leave the page?" question for the change it has just saved.
  document.addEventListener("htmx:beforeOnLoad", function (event) {
    var block = blockOf(event.detail.elt);
    var xhr = event.detail.xhr;
    if (!block || !xhr) return;
    if (xhr.responseURL && xhr.responseURL.indexOf("/accounts/login") !== -1) {
      say(event.detail.elt, "signedOut");
      return;
    }
    if (xhr.status < 200 || xhr.status >= 300) return;  // reported by responseError below
    var saved = xhr.getResponseHeader("X-Answer-Saved");
    if (saved !== null) {
      invalid[block.id] = xhr.getResponseHeader("X-Answer-Invalid") || "";
      flag(block, invalid[block.id]);
    }
    var reloaded = event.detail.requestConfig && event.detail.requestConfig.verb === "get";
    if ((saved === "true" || reloaded) && (unsaved[block.id] || 0) === (sent[block.id] || 0)) {
      delete unsaved[block.id];
    }
  });

  // A block drawn again (a conflict, a save without autosave) gets its mark back on the new inputs.
  document.addEventListener("htmx:afterSettle", function () {
    Object.keys(invalid).forEach(function (id) {
      var block = document.getElementById(id);
      if (block) flag(block, invalid[id]);
    });
  });

  document.addEventListener("htmx:responseError", function (event) {
    var status = event.detail.xhr ? event.detail.xhr.status : 0;
    say(event.detail.elt, status === 403 ? "forbidden" : "error");
  });

  document.addEventListener("htmx:sendError", function (event) {
    say(event.detail.elt, "offline");
  });

  window.addEventListener("beforeunload", function (event) {
    if (Object.keys(unsaved).length) {
      event.preventDefault();
      event.returnValue = "";
    }
  });
})();
