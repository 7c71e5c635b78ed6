// "Salin untuk WhatsApp" copies the invitation text; "Cetak" prints the page.
// Messages come from data attributes so that they stay translatable in the template.
(function () {
  "use strict";
  document.querySelectorAll("[data-copy]").forEach(function (button) {
    var status = button.parentElement.querySelector("[data-copy-status]");
    var say = function (text) { if (status) status.textContent = text || ""; };
    button.addEventListener("click", function () {
      var source = document.getElementById(button.dataset.copy);
      source.select();
      var fallback = function () {
        say(document.execCommand && document.execCommand("copy") ? button.dataset.done : button.dataset.failed);
      };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(source.value).then(function () { say(button.dataset.done); }, fallback);
      } else {
        fallback();
      }
    });
  });
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.addEventListener("click", function () { window.print(); });
  });
})();
