/* Draws region boundaries from our own GeoJSON with Leaflet: no tile server is needed. */
(function () {
  function draw(el) {
    var map = L.map(el, { attributionControl: false, zoomSnap: 0.25 });
    fetch(el.dataset.geojson, { credentials: "same-origin" })
      .then(function (r) { return r.json(); })
      .then(function (data) {
        var layer = L.geoJSON(data, {
          style: function () { return { color: "#0b6e4f", weight: 1.5, fillOpacity: 0.15 }; },
          onEachFeature: function (feature, lyr) {
            var p = feature.properties;
            lyr.bindTooltip(p.name);
            lyr.on("click", function () { window.location.href = p.url; });
          }
        }).addTo(map);
        if (data.features.length) { map.fitBounds(layer.getBounds(), { padding: [8, 8] }); }
        el.dataset.ready = String(data.features.length);
      });
  }
  document.querySelectorAll("[data-geojson]").forEach(draw);
})();
