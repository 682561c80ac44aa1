/* Progressive enhancement only: every page works without JavaScript. */
document.body.classList.add("js-enabled", "govuk-frontend-supported");
document.addEventListener("DOMContentLoaded", function () {
  var s = document.querySelector(".govuk-error-summary");
  if (s) { s.setAttribute("tabindex", "-1"); s.focus(); }
});

/* "Extend the target date" and the like: the checkbox shows or hides its fields at once
   (without JavaScript the server shows them once the box is ticked and saved). */
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("[data-module='dogfen-reveal']").forEach(function (box) {
    var input = box.querySelector(".govuk-checkboxes__input");
    var panel = document.getElementById(input.getAttribute("aria-controls"));
    function sync() {
      panel.classList.toggle("govuk-checkboxes__conditional--hidden", !input.checked);
      input.setAttribute("aria-expanded", input.checked ? "true" : "false");
    }
    input.addEventListener("change", sync);
    sync();
  });
});

/* Computed values (likelihood × impact and its colour) as soon as both ratings are chosen: the
   page carries every answer in data-live, worked out by the server, so nothing is sent here. */
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("[data-live]").forEach(function (box) {
    var live = JSON.parse(box.getAttribute("data-live"));
    var value = box.querySelector("[data-live-value]");
    var empty = box.querySelector("[data-live-empty]");
    var form = box.closest("form");
    function update() {
      var key = live.inputs.map(function (name) {
        var checked = form.querySelector("input[name='" + name + "']:checked");
        return checked ? checked.value : null;
      });
      var found = key.indexOf(null) === -1 ? live.table[key.join("|")] : null;
      if (!found) { return; }
      value.textContent = found[0];
      value.className = "dogfen-computed" + (found[1] ? " dogfen-rag-" + found[1] : "");
      value.hidden = false;
      if (empty) { empty.hidden = true; }
    }
    live.inputs.forEach(function (name) {
      form.querySelectorAll("input[name='" + name + "']").forEach(function (input) {
        input.addEventListener("change", update);
      });
    });
  });
});
