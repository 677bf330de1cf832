// The citizen's request form: the communes follow the province chosen, the residential areas the commune.
// A file, not inline script (CSP).
(function () {
  var form = document.getElementById("request-form");
  if (!form) return;
  var province = document.getElementById("id_province"), commune = document.getElementById("id_commune"),
      area = document.getElementById("id_unit");
  function load(url, select) {
    return fetch(url).then(function (r) { return r.text(); }).then(function (html) { select.innerHTML = html; });
  }
  province.addEventListener("change", function () {
    load(form.dataset.communesUrl + "?province=" + encodeURIComponent(province.value), commune).then(function () {
      area.innerHTML = '<option value="">—</option>';
    });
  });
  commune.addEventListener("change", function () {
    load(form.dataset.areasUrl + "?commune=" + encodeURIComponent(commune.value), area);
  });
})();
