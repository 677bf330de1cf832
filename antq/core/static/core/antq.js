// A page that comes back with an error shows it: the first invalid field is opened (inside a closed
// <details>), scrolled to and focused, so a phone user does not meet a page that seems unchanged.
document.addEventListener("DOMContentLoaded", () => {
  const invalid = document.querySelector(".is-invalid, .invalid-feedback.d-block");
  if (!invalid) return;
  for (let node = invalid.parentElement; node; node = node.parentElement) {
    if (node.tagName === "DETAILS") node.open = true;
  }
  invalid.scrollIntoView({block: "center", behavior: "instant"});
  if (typeof invalid.focus === "function") invalid.focus({preventScroll: true});
});

// Behaviours named by data attributes, so that no page carries inline script (the Content-Security-Policy
// allows scripts from files only): a select that submits its form when changed, a form or a button that
// asks once before a final step.
document.addEventListener("change", (event) => {
  const field = event.target.closest("[data-autosubmit]");
  if (field && field.form) field.form.submit();
});
document.addEventListener("submit", (event) => {
  const form = event.target;
  const button = event.submitter;
  const question = (button && button.dataset.confirm) || form.dataset.confirm;
  if (question && !window.confirm(question)) event.preventDefault();
});

// The citizen's receipt: copy the codes to the clipboard, print or save the page.
document.addEventListener("click", (event) => {
  const copy = event.target.closest("[data-copy]");
  if (copy && navigator.clipboard) {
    navigator.clipboard.writeText(copy.dataset.copy).then(() => { copy.textContent = copy.dataset.copied; });
  }
  if (event.target.closest("[data-print]")) window.print();
});

// Tables on a phone become stacked cards (antq.css, below 576 px): each cell is labelled with its column's
// heading, so status, deadline, officer and value stay in view without scrolling sideways. Tables swapped
// in by htmx (filters, paging) are labelled too. A table that must keep its grid says class="antq-grid".
function stackTables(root) {
  root.querySelectorAll("table.table:not(.antq-grid)").forEach((table) => {
    const headRow = table.tHead && table.tHead.rows[table.tHead.rows.length - 1];
    if (!headRow) return;
    const labels = [];
    for (const th of headRow.cells) {
      for (let span = 0; span < th.colSpan; span++) labels.push(th.textContent.trim());
    }
    for (const body of [...table.tBodies, table.tFoot].filter(Boolean)) {
      for (const row of body.rows) {
        let column = 0;
        for (const cell of row.cells) {
          if (!cell.hasAttribute("data-label") && cell.colSpan === 1 && labels[column]) {
            cell.setAttribute("data-label", labels[column]);
          }
          column += cell.colSpan;
        }
      }
    }
    table.classList.add("antq-stacked");
  });
}
document.addEventListener("DOMContentLoaded", () => stackTables(document));
document.addEventListener("htmx:afterSettle", (event) => stackTables(event.target));

// Province → commune → residential area pickers in a staff form (data-communes-url, data-areas-url on the
// form; data-chain="province|commune|area" on the selects): each list follows the one above it.
document.addEventListener("DOMContentLoaded", () => {
  for (const form of document.querySelectorAll("form[data-areas-url]")) {
    const [province, commune, area] = ["province", "commune", "area"].map(
      (name) => form.querySelector(`[data-chain="${name}"]`));
    if (!province || !commune || !area) continue;
    const load = (url, select) => fetch(url).then((r) => r.text()).then((html) => { select.innerHTML = html; });
    province.addEventListener("change", () => {
      load(`${form.dataset.communesUrl}?province=${encodeURIComponent(province.value)}`, commune)
        .then(() => { area.innerHTML = '<option value="">—</option>'; });
    });
    commune.addEventListener("change", () => {
      load(`${form.dataset.areasUrl}?commune=${encodeURIComponent(commune.value)}`, area);
    });
  }
});
