// The citizen's report form: communes follow the province chosen, the identity fields show only when the
// reporter chooses to give them, "use my location" fills the map point. A file, not inline script (CSP).
(function () {
  var form = document.getElementById("report-form");
  if (!form) return;
  var province = document.getElementById("id_province"), commune = document.getElementById("id_commune");
  province.addEventListener("change", function () {
    fetch(form.dataset.communesUrl + "?province=" + encodeURIComponent(province.value))
      .then(function (r) { return r.text(); }).then(function (html) { commune.innerHTML = html; });
  });
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
  document.getElementById("locate").addEventListener("click", function () {
    if (!navigator.geolocation) return;
    navigator.geolocation.getCurrentPosition(function (pos) {
      document.getElementById("id_latitude").value = pos.coords.latitude.toFixed(6);
      document.getElementById("id_longitude").value = pos.coords.longitude.toFixed(6);
      document.getElementById("located").textContent = "✔ " + pos.coords.latitude.toFixed(4) + ", " + pos.coords.longitude.toFixed(4);
    });
  });
})();
