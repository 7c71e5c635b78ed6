// "Pakai lokasi saya": fill the family's lintang/bujur from the phone's GPS.
// Messages come from data attributes so that they stay translatable in the template.
(function () {
  "use strict";
  document.querySelectorAll("[data-locate]").forEach(function (button) {
    if (!navigator.geolocation) return;
    var status = button.parentElement.querySelector("[data-locate-status]");
    var say = function (text) { if (status) status.textContent = text || ""; };
    button.hidden = false;
    button.addEventListener("click", function () {
      say(button.dataset.waiting);
      navigator.geolocation.getCurrentPosition(
        function (position) {
          document.getElementById(button.dataset.lat).value = position.coords.latitude.toFixed(6);
          document.getElementById(button.dataset.lng).value = position.coords.longitude.toFixed(6);
          say(button.dataset.done);
        },
        function () { say(button.dataset.failed); },
        { enableHighAccuracy: true, timeout: 15000, maximumAge: 60000 }
      );
    });
  });
})();
