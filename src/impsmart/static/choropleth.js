/* Choropleth maps of indicator figures, drawn with Leaflet from our own GeoJSON.
   No tile server: the boundaries are drawn on a plain background. The server sends each
   feature's class (0-4) and the legend, so the map agrees with the table under it.
   When everything is drawn the map element gets data-ready (the number of areas). */
(function () {
  "use strict";

  var PALETTES = {
    green: ["#edf8e9", "#bae4b3", "#74c476", "#31a354", "#006d2c"],
    blue: ["#eff3ff", "#bdd7e7", "#6baed6", "#3182bd", "#08519c"],
    red: ["#fee5d9", "#fcae91", "#fb6a4a", "#de2d26", "#a50f15"],
    purple: ["#f2f0f7", "#cbc9e2", "#9e9ac8", "#756bb1", "#54278f"]
  };
  var NO_VALUE = "#d0d5d9";

  function getJSON(url) {
    return fetch(url, { credentials: "same-origin" }).then(function (r) {
      if (!r.ok) { throw new Error(url + ": " + r.status); }
      return r.json();
    });
  }

  function fill(palette, cls) {
    return cls === null || cls === undefined ? NO_VALUE : palette[cls];
  }

  function swatch(colour, text) {
    var row = document.createElement("span");
    var box = document.createElement("i");
    box.style.background = colour;
    row.appendChild(box);
    row.appendChild(document.createTextNode(text));
    return row;
  }

  /* The legend goes under the map (data-legend names its element): at 360 px a legend
     inside the map would hide half of it. */
  function fillLegend(box, data, palette, noValueText) {
    if (!box) { return; }
    box.textContent = "";
    var title = document.createElement("strong");
    title.textContent = data.indicator.label;
    box.appendChild(title);
    data.legend.forEach(function (entry) {
      box.appendChild(swatch(palette[entry["class"]], entry.label));
    });
    box.appendChild(swatch(NO_VALUE, noValueText));
  }

  function drawAreas(map, data, palette) {
    return L.geoJSON(data, {
      style: function (feature) {
        return { color: "#33414a", weight: 1, fillOpacity: 0.85,
                 fillColor: fill(palette, feature.properties["class"]) };
      },
      onEachFeature: function (feature, layer) {
        var p = feature.properties;
        /* Each area carries its name (its value is in the legend's colour and the table):
           a map of bare shapes tells a leader nothing. */
        layer.bindTooltip(p.short || p.name, { permanent: true, direction: "center",
                                               className: "region-label" });
        layer.on("mouseover", function () { layer.setTooltipContent(p.name + ": " + p.label); });
        layer.on("mouseout", function () { layer.setTooltipContent(p.short || p.name); });
        layer.on("click", function () { window.location.href = p.url; });
      }
    }).addTo(map);
  }

  function drawPoints(map, url) {
    return getJSON(url).then(function (data) {
      return L.geoJSON(data, {
        pointToLayer: function (feature, latlng) {
          return L.circleMarker(latlng, { radius: 3, weight: 1, color: "#1d2a33",
                                          fillColor: "#f6c343", fillOpacity: 0.9 });
        }
      }).addTo(map);
    });
  }

  function fit(map, layers) {
    var bounds = L.latLngBounds([]);
    layers.forEach(function (layer) {
      if (layer && layer.getLayers().length) { bounds.extend(layer.getBounds()); }
    });
    if (bounds.isValid()) { map.fitBounds(bounds, { padding: [8, 8] }); }
  }

  function draw(el) {
    var map = L.map(el, { attributionControl: false, zoomSnap: 0.25 });
    getJSON(el.dataset.choropleth).then(function (data) {
      var palette = PALETTES[data.palette] || PALETTES.green;
      var areas = drawAreas(map, data, palette);
      fillLegend(document.getElementById(el.dataset.legend), data, palette,
                 el.dataset.noValue || "");
      var points = el.dataset.points ? drawPoints(map, el.dataset.points) : Promise.resolve(null);
      return points.then(function (dots) {
        fit(map, [areas, dots]);
        el.dataset.ready = String(data.features.length);
      });
    }).catch(function (error) {
      el.dataset.ready = "error";
      el.setAttribute("title", String(error));
    });
  }

  function autosubmit(form) {
    form.querySelectorAll("select").forEach(function (select) {
      select.addEventListener("change", function () { form.submit(); });
    });
  }

  document.querySelectorAll("[data-choropleth]").forEach(draw);
  document.querySelectorAll("form[data-autosubmit]").forEach(autosubmit);
})();
