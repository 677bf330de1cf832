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
