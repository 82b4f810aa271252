// Benign: ordinary checkout code a shop writes itself. It reads the card fields to validate them and posts the order
// to the shop's own endpoint; no finding expected.
document.getElementById("checkout-form").addEventListener("submit", function (e) {
  var number = document.getElementById("cc_number").value.replace(/\s+/g, "");
  if (!/^\d{12,19}$/.test(number)) { e.preventDefault(); alert("Please check the card number"); return; }
  fetch("/checkout/onepage/saveOrder", { method: "POST", body: new FormData(e.target), credentials: "same-origin" });
});
