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
