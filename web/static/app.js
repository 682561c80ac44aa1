/* Progressive enhancement only: every page works without JavaScript. */
document.body.classList.add("js-enabled", "govuk-frontend-supported");
document.addEventListener("DOMContentLoaded", function () {
  var s = document.querySelector(".govuk-error-summary");
  if (s) { s.setAttribute("tabindex", "-1"); s.focus(); }
});
