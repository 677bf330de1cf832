// The citizen's report form: communes follow the province chosen, the identity fields show only when the
// reporter chooses to give them, "use my location" fills the map point. A file, not inline script (CSP).
(function () {
  var form = document.getElementById("report-form");
  if (!form) return;
  var province = document.getElementById("id_province"), commune = document.getElementById("id_commune");
  function loadCommunes() {
    return fetch(form.dataset.communesUrl + "?province=" + encodeURIComponent(province.value))
      .then(function (r) { return r.text(); }).then(function (html) { commune.innerHTML = html; });
  }
  province.addEventListener("change", loadCommunes);
  // Find a commune however it is typed: "hoa hoi" finds "Hoà Hội" (accents and đ folded away); the only
  // match is chosen for the person.
  var filter = document.getElementById("commune-filter");
  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/đ/g, "d").replace(/Đ/g, "D").toLowerCase();
  }
  if (filter) {
    filter.hidden = false;
    filter.addEventListener("input", function () {
      var wanted = fold(filter.value.trim()), shown = [];
      Array.prototype.forEach.call(commune.options, function (option) {
        var keep = !option.value || fold(option.textContent).indexOf(wanted) !== -1;
        option.hidden = !keep;
        if (keep && option.value) shown.push(option);
      });
      if (wanted && shown.length === 1) commune.value = shown[0].value;
    });
  }
  function toggle() {
    var anon = document.querySelector("input[name=anonymous]:checked");
    document.getElementById("identity").hidden = !anon || anon.value === "yes";
  }
  document.querySelectorAll("input[name=anonymous]").forEach(function (el) { el.addEventListener("change", toggle); });
  toggle();
  // "Use my current position": the nearest commune centre chooses the province and the commune for the
  // person (they can still change both); the point itself goes with the report as its map point.
  var locate = document.getElementById("locate"), located = document.getElementById("located");
  if (!navigator.geolocation) { locate.hidden = true; return; }
  locate.addEventListener("click", function () {
    located.textContent = locate.dataset.searching;
    navigator.geolocation.getCurrentPosition(function (pos) {
      var lat = pos.coords.latitude.toFixed(6), lon = pos.coords.longitude.toFixed(6);
      document.getElementById("id_latitude").value = lat;
      document.getElementById("id_longitude").value = lon;
      fetch(form.dataset.nearestUrl + "?lat=" + lat + "&lon=" + lon).then(function (r) {
        return r.json().then(function (body) { return {ok: r.ok, body: body}; });
      }).then(function (answer) {
        if (!answer.ok) { located.textContent = answer.body.detail; return; }
        province.value = String(answer.body.province);
        loadCommunes().then(function () {
          commune.value = String(answer.body.commune);
          located.textContent = "✔ " + answer.body.label;
        });
      }).catch(function () { located.textContent = locate.dataset.failed; });
    }, function () { located.textContent = locate.dataset.denied; }, {enableHighAccuracy: false, timeout: 15000});
  });
})();
