// "Build your own Index" on the rankings page: a slider beside each weight box. Moving a slider (with the
// mouse, or the arrow, Page and Home/End keys) or typing a weight keeps the weights in the address
// (official weights left out, so the address stays short) and fetches the ranking under them; the
// page's messages and results are swapped in and a status line says so. Without JavaScript the form
// submits the same parameters.
(function () {
  "use strict";
  var form = document.querySelector("form[data-weighting]");
  if (!form) {
    return;
  }
  var status = document.getElementById("weighting-status");
  var timer = null;
  var controller = null;
  var boxes = Array.prototype.slice.call(form.querySelectorAll("input[data-weight]"));

  function address() {
    var params = new URLSearchParams();
    new FormData(form).forEach(function (value, name) {
      var box = boxes.find(function (b) { return b.name === name; });
      if (value === "" || (box && Number(value) === Number(box.dataset.official))) {
        return;
      }
      params.append(name, value);
    });
    var query = params.toString();
    return form.getAttribute("action") + (query ? "?" + query : "");
  }

  function update() {
    var url = address();
    history.replaceState(null, "", url);
    if (controller) {
      controller.abort();
    }
    controller = new AbortController();
    fetch(url, { signal: controller.signal, credentials: "same-origin" })
      .then(function (response) { return response.text(); })
      .then(function (html) {
        var fresh = new DOMParser().parseFromString(html, "text/html");
        ["ranking-messages", "ranking-filters", "ranking-results"].forEach(function (id) {
          var now = document.getElementById(id);
          var next = fresh.getElementById(id);
          if (now && next) {
            now.replaceWith(document.importNode(next, true));
          }
        });
        if (status) {
          status.textContent = form.dataset.updated || "";
        }
      })
      .catch(function () { /* aborted by a newer change, or offline: the form still submits */ });
  }

  function schedule() {
    window.clearTimeout(timer);
    timer = window.setTimeout(update, 250);
  }

  boxes.forEach(function (box) {
    var label = form.querySelector('label[for="' + box.id + '"]');
    var slider = document.createElement("input");
    slider.type = "range";
    slider.min = "0";
    slider.max = box.max;
    slider.step = "0.5";
    slider.value = box.value;
    slider.className = "weight-slider";
    if (label) {
      label.id = label.id || box.id + "-label";
      slider.setAttribute("aria-labelledby", label.id);
    }
    slider.setAttribute("aria-describedby", "weighting-help");
    box.insertAdjacentElement("afterend", slider);
    slider.addEventListener("input", function () {
      box.value = slider.value;
      schedule();
    });
    box.addEventListener("input", function () {
      var value = Number(box.value);
      if (box.value !== "" && value >= 0) {
        slider.value = String(value);
      }
      schedule();
    });
  });
})();
